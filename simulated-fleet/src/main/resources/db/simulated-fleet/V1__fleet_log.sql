-- What the simulated deployer was asked to do, one row per (release, target, action). It lives in
-- PostgreSQL so it survives a killed worker, and it separates deliveries from effects: a batch
-- re-sent under the same idempotency key (a retry after a crash) is a delivery, not a second
-- deployment. applied_count > 1 means a target really was deployed twice. Its own schema, with its
-- own Flyway history, keeps it out of Waveguard's production schema.
CREATE TABLE simulated_fleet.fleet_log (
    release_id        TEXT NOT NULL,
    target_id         TEXT NOT NULL,
    action            TEXT NOT NULL CHECK (action IN ('deploy', 'rollback')),
    wave              INT NOT NULL,
    version           TEXT NOT NULL,
    batch_key         TEXT NOT NULL,
    applied_count     INT NOT NULL CHECK (applied_count >= 1),
    delivery_count    INT NOT NULL CHECK (delivery_count >= applied_count),
    first_applied_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_delivery_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (release_id, target_id, action)
);
