-- The trust engine: evidence per target, every trust computation with its inputs, re-plans.

-- What each finished release said about each target it deployed to (README, "How outcomes are
-- attributed"). NONE rows are kept too, so "why did this release not count" has an answer.
-- Incidents reported from outside a release use release_id 'incident:<id>'.
CREATE TABLE target_outcomes (
    release_id  TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('GOOD', 'BAD', 'NONE')),
    reason      TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (release_id, target_id)
);
CREATE INDEX target_outcomes_by_target ON target_outcomes (target_id, at);

-- Every trust computation, with the inputs that explain it and what caused it.
CREATE TABLE trust_snapshots (
    id               BIGSERIAL PRIMARY KEY,
    target_id        TEXT NOT NULL,
    computed_at      TIMESTAMPTZ NOT NULL,
    cause            TEXT NOT NULL,
    release_id       TEXT,
    wave             INT,
    mean             DOUBLE PRECISION NOT NULL,
    lower_bound      DOUBLE PRECISION NOT NULL,
    history_mean     DOUBLE PRECISION NOT NULL,
    health           DOUBLE PRECISION,
    evidence         DOUBLE PRECISION NOT NULL,
    good             DOUBLE PRECISION NOT NULL,
    bad              DOUBLE PRECISION NOT NULL,
    posterior_alpha  DOUBLE PRECISION NOT NULL,
    posterior_beta   DOUBLE PRECISION NOT NULL,
    impact           DOUBLE PRECISION NOT NULL,
    risk             DOUBLE PRECISION NOT NULL,
    -- health indicators, tier weight and model parameters used
    inputs           JSONB NOT NULL
);
CREATE INDEX trust_snapshots_by_target ON trust_snapshots (target_id, id DESC);
CREATE INDEX trust_snapshots_by_release ON trust_snapshots (release_id, wave) WHERE release_id IS NOT NULL;

-- Each re-plan between waves, stored so a retried activity returns the same answer.
CREATE TABLE replans (
    release_id    TEXT NOT NULL,
    next_wave     INT NOT NULL,
    moved         INT NOT NULL,
    cohort_trust  DOUBLE PRECISION NOT NULL,
    hold          TEXT,
    reason        TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (release_id, next_wave)
);

-- Why each target sits where it does in its release's plan (trust-weighted plans explain every
-- placement; baselines say which strategy placed it).
ALTER TABLE deployments ADD COLUMN placement_reason TEXT;

-- The audit log now also records what Waveguard itself decided (gates, re-plans, outcomes).
ALTER TABLE audit_log DROP CONSTRAINT audit_log_outcome_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_outcome_check
    CHECK (outcome IN ('ACCEPTED', 'REJECTED', 'QUEUED', 'RECORDED'));
