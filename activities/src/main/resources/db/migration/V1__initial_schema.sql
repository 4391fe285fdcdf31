-- Waveguard schema. Temporal owns release progress; these tables hold what activities and the
-- API need: the fleet, plans, per-target deployment state, the read model and the audit log.

CREATE TABLE targets (
    id          TEXT PRIMARY KEY,
    service     TEXT NOT NULL,
    segment     TEXT NOT NULL,
    tier        TEXT NOT NULL CHECK (tier IN ('low', 'standard', 'finance-critical', 'safety-critical')),
    size        DOUBLE PRECISION NOT NULL CHECK (size >= 0),
    labels      JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX targets_by_service ON targets (service, id);

-- The read model of releases, written by workflow activities (and first by the API on start).
CREATE TABLE releases (
    release_id    TEXT PRIMARY KEY,
    service       TEXT NOT NULL,
    version       TEXT NOT NULL,
    strategy      TEXT NOT NULL,
    status        TEXT NOT NULL,
    current_wave  INT NOT NULL DEFAULT 0,
    wave_count    INT NOT NULL DEFAULT 0,
    reason        TEXT,
    spec          JSONB NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- workflow time of the last snapshot; NULL until the workflow first reports. A retried,
    -- older snapshot never overwrites a newer one.
    recorded_at   TIMESTAMPTZ
);
CREATE INDEX releases_by_service_status ON releases (service, status, created_at DESC);

CREATE TABLE plans (
    plan_id       TEXT PRIMARY KEY,
    release_id    TEXT NOT NULL UNIQUE,
    strategy      TEXT NOT NULL,
    target_count  INT NOT NULL,
    wave_count    INT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE plan_waves (
    plan_id       TEXT NOT NULL REFERENCES plans (plan_id),
    wave          INT NOT NULL,
    target_count  INT NOT NULL,
    highest_tier  TEXT NOT NULL,
    impact        DOUBLE PRECISION NOT NULL,
    reason        TEXT NOT NULL,
    PRIMARY KEY (plan_id, wave)
);

-- One row per (release, target): its wave and where its deployment stands. The counters make
-- "deployed exactly once" checkable after crashes and retries.
CREATE TABLE deployments (
    release_id        TEXT NOT NULL,
    target_id         TEXT NOT NULL,
    wave              INT NOT NULL,
    version           TEXT NOT NULL,
    state             TEXT NOT NULL CHECK (state IN ('PENDING', 'DEPLOYED', 'ROLLED_BACK')),
    deploy_count      INT NOT NULL DEFAULT 0,
    rollback_count    INT NOT NULL DEFAULT 0,
    -- A batch handed to the deployer but not yet confirmed. A worker that dies in between leaves
    -- these set, and the retry re-sends exactly that batch under the same idempotency key.
    in_flight_action  TEXT CHECK (in_flight_action IN ('deploy', 'rollback')),
    in_flight_key     TEXT,
    -- On Temporal's clock (the clock gate windows are measured in), so telemetry can tell which
    -- version a target ran during a window even under the test server's time skipping.
    deployed_at       TIMESTAMPTZ,
    rolled_back_at    TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (release_id, target_id),
    CHECK ((in_flight_action IS NULL) = (in_flight_key IS NULL))
);
CREATE INDEX deployments_by_wave ON deployments (release_id, wave, target_id);
CREATE INDEX deployments_by_target ON deployments (target_id, state);
CREATE INDEX deployments_in_flight ON deployments (release_id, in_flight_key)
    WHERE in_flight_key IS NOT NULL;

-- Every operator command, accepted or rejected, with who and why.
CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    release_id  TEXT NOT NULL,
    action      TEXT NOT NULL,
    operator    TEXT NOT NULL,
    reason      TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('ACCEPTED', 'REJECTED', 'QUEUED')),
    detail      TEXT,
    at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_by_release ON audit_log (release_id, id);

-- Pushed telemetry, one row per target and window; a re-sent window replaces the old one.
CREATE TABLE telemetry_samples (
    target_id       TEXT NOT NULL,
    window_start    TIMESTAMPTZ NOT NULL,
    window_end      TIMESTAMPTZ NOT NULL CHECK (window_end > window_start),
    requests        BIGINT NOT NULL CHECK (requests >= 0),
    errors          BIGINT NOT NULL CHECK (errors >= 0 AND errors <= requests),
    latency_p99_ms  DOUBLE PRECISION,
    crashes         BIGINT NOT NULL DEFAULT 0 CHECK (crashes >= 0),
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (target_id, window_start)
);
CREATE INDEX telemetry_by_window ON telemetry_samples (window_start);
