-- Rollups of pushed telemetry, maintained at ingest in the samples' own transaction: per target,
-- 15-minute bucket and version label, the sums gates and the trust engine read, and each window's
-- p99 with its start (an exact latency sketch: medians and the gate's per-window lists come out
-- as they would from the samples). Trust and gates read whole buckets from here and only the
-- partial buckets at a window's edges from telemetry_samples: a 60-minute trust window per
-- target is 4 rows instead of 60.
CREATE TABLE telemetry_rollups (
    target_id       TEXT NOT NULL,
    bucket_start    TIMESTAMPTZ NOT NULL,
    -- the samples' version label; '' for unlabelled samples
    version         TEXT NOT NULL,
    samples         INT NOT NULL,
    requests        BIGINT NOT NULL,
    errors          BIGINT NOT NULL,
    crashes         BIGINT NOT NULL,
    -- sum of the samples' window lengths, in microseconds (exact, as PostgreSQL sums intervals)
    covered_micros  BIGINT NOT NULL,
    -- p99 of each sample that had one, and that sample's window start, in window order
    latency_p99_ms  DOUBLE PRECISION[] NOT NULL,
    latency_at      TIMESTAMPTZ[] NOT NULL,
    PRIMARY KEY (target_id, bucket_start, version)
);
CREATE INDEX telemetry_rollups_by_bucket ON telemetry_rollups (bucket_start);

-- The bucket a window starting at an instant falls into.
CREATE FUNCTION telemetry_bucket(at TIMESTAMPTZ) RETURNS TIMESTAMPTZ
LANGUAGE sql IMMUTABLE AS $$
    SELECT date_bin(interval '15 minutes', at, TIMESTAMPTZ '2000-01-01 00:00:00+00')
$$;

-- Whether the build a target ran may change inside (a, b): a deployment or a rollback of the
-- target at an instant strictly inside. deployed_version_at only compares its instant with those,
-- so without one, sample_matches_version answers alike for every window start in [a, b) and a
-- labelled rollup may stand for its samples; with one, readers take that bucket's labelled
-- samples one by one.
CREATE FUNCTION version_changes_within(target TEXT, a TIMESTAMPTZ, b TIMESTAMPTZ) RETURNS BOOLEAN
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM deployments d
        WHERE d.target_id = target
          AND ((d.deployed_at > a AND d.deployed_at < b)
               OR (d.rolled_back_at > a AND d.rolled_back_at < b)))
$$;

-- Rebuilds the rollups of the given targets' buckets (bucket starts in epoch seconds, pairwise
-- with the targets) from their samples, idempotently: what ingestion runs after storing a batch.
CREATE FUNCTION refresh_telemetry_rollups(target_ids TEXT[], bucket_epochs BIGINT[])
RETURNS VOID LANGUAGE sql AS $$
    DELETE FROM telemetry_rollups r
    USING unnest(target_ids, bucket_epochs) AS k(target_id, epoch)
    WHERE r.target_id = k.target_id AND r.bucket_start = to_timestamp(k.epoch);
    INSERT INTO telemetry_rollups
    SELECT s.target_id, telemetry_bucket(s.window_start), coalesce(s.version, ''),
           count(*), sum(s.requests), sum(s.errors), sum(s.crashes),
           sum((extract(epoch FROM s.window_end - s.window_start) * 1000000)::bigint),
           coalesce(array_agg(s.latency_p99_ms ORDER BY s.window_start)
                    FILTER (WHERE s.latency_p99_ms IS NOT NULL), '{}'),
           coalesce(array_agg(s.window_start ORDER BY s.window_start)
                    FILTER (WHERE s.latency_p99_ms IS NOT NULL), '{}')
    FROM (SELECT DISTINCT target_id, to_timestamp(epoch) AS bucket_start
          FROM unnest(target_ids, bucket_epochs) AS k(target_id, epoch)) k
    JOIN telemetry_samples s
      ON s.target_id = k.target_id
     AND s.window_start >= k.bucket_start
     AND s.window_start < k.bucket_start + interval '15 minutes'
    GROUP BY s.target_id, telemetry_bucket(s.window_start), coalesce(s.version, '');
$$;

-- Every bucket of the samples already stored.
INSERT INTO telemetry_rollups
SELECT target_id, telemetry_bucket(window_start), coalesce(version, ''),
       count(*), sum(requests), sum(errors), sum(crashes),
       sum((extract(epoch FROM window_end - window_start) * 1000000)::bigint),
       coalesce(array_agg(latency_p99_ms ORDER BY window_start)
                FILTER (WHERE latency_p99_ms IS NOT NULL), '{}'),
       coalesce(array_agg(window_start ORDER BY window_start)
                FILTER (WHERE latency_p99_ms IS NOT NULL), '{}')
FROM telemetry_samples
GROUP BY target_id, telemetry_bucket(window_start), coalesce(version, '');
