-- API tokens (DESIGN §6): who may call /api/v1, as which role, for which services. Only the
-- SHA-256 of a token is stored (a token is 256 random bits, so a fast hash is enough: there is
-- nothing to guess); the unique index on it is how a token is found, so a lookup takes the same
-- path whatever the token. The prefix is the token's first characters, safe to show in listings
-- and logs. A revoked or expired row stays, so the audit log's names keep meaning something.
CREATE TABLE api_tokens (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
    role        TEXT NOT NULL CHECK (role IN ('viewer', 'releaser', 'operator', 'ingest', 'admin')),
    -- NULL: every service.
    services    TEXT[],
    prefix      TEXT NOT NULL,
    hash        BYTEA NOT NULL CHECK (length(hash) = 32),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- NULL: never expires.
    expires_at  TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX api_tokens_by_hash ON api_tokens (hash);
-- A name names one live token, so `token revoke NAME` is never ambiguous.
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name) WHERE revoked_at IS NULL;
