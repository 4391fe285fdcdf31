-- The sequential gate (DESIGN §4): one test per release whose evidence accumulates over every
-- period since the first deploy. Each period's verdict is stored with the release's evidence after
-- it, so the next period continues from there and a retried evaluation returns the same verdict.
CREATE TABLE gate_evidence (
    release_id         TEXT NOT NULL,
    -- the period's end on Temporal's clock: one verdict per period
    period_end         TIMESTAMPTZ NOT NULL,
    period_start       TIMESTAMPTZ NOT NULL,
    wave               INT NOT NULL,
    -- ReleaseEvidence after this period: every metric's and stratum's likelihoods, the grid,
    -- the strata fixed at the start and the period's coverage
    evidence           JSONB NOT NULL,
    verdict            TEXT NOT NULL CHECK (verdict IN ('PASS', 'FAIL', 'INCONCLUSIVE')),
    reason             TEXT NOT NULL,
    -- the period's own traffic, for the audit trail (the evidence holds the totals)
    deployed_targets   INT NOT NULL,
    deployed_requests  BIGINT NOT NULL,
    deployed_errors    BIGINT NOT NULL,
    control_targets    INT NOT NULL,
    control_requests   BIGINT NOT NULL,
    control_errors     BIGINT NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (release_id, period_end)
);
