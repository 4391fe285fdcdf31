-- A target belongs to at most one running release (DESIGN §5). Planning claims every selected
-- target here all or nothing, in the plan's transaction; the primary key is what makes two
-- concurrent claims of one target impossible. A finished release deletes its rows. A row whose
-- release's workflow is no longer running (terminated by hand) is stale: the next claim takes
-- it over and says so in the audit log.
CREATE TABLE target_holds (
    target_id   TEXT PRIMARY KEY,
    release_id  TEXT NOT NULL,
    claimed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX target_holds_by_release ON target_holds (release_id);

-- Releases that were running when this migration ran hold the targets of their plans, so a new
-- release cannot take them. Where two of them shared a target, the older plan keeps it.
INSERT INTO target_holds (target_id, release_id)
SELECT DISTINCT ON (d.target_id) d.target_id, d.release_id
FROM deployments d
JOIN releases r ON r.release_id = d.release_id
JOIN plans p ON p.release_id = d.release_id
WHERE r.status NOT IN ('COMPLETED', 'ROLLED_BACK', 'ABORTED', 'FAILED')
ORDER BY d.target_id, p.created_at
ON CONFLICT (target_id) DO NOTHING;

-- The version a pushed sample was measured on, when its agent knows it. A sample labelled with
-- another version than the one the target ran then is not credited to that release.
ALTER TABLE telemetry_samples ADD COLUMN version TEXT;

-- The version a target ran at an instant, as far as Waveguard deployed it: its newest deployment
-- confirmed by then and not rolled back by then, unless another release's rollback came after
-- it: a rollback of an older release (two releases shared the target before target_holds)
-- restored what was there before that release and so overwrote the newer one. NULL when the
-- target ran a build Waveguard did not deploy (its baseline).
CREATE FUNCTION deployed_version_at(target TEXT, at TIMESTAMPTZ) RETURNS TEXT
LANGUAGE sql STABLE AS $$
    SELECT d.version FROM deployments d
    WHERE d.target_id = target AND d.deployed_at <= at
      AND (d.rolled_back_at IS NULL OR d.rolled_back_at > at)
      AND NOT EXISTS (
          SELECT 1 FROM deployments o
          WHERE o.target_id = target AND o.release_id <> d.release_id
            AND o.deployed_at < d.deployed_at
            AND o.rolled_back_at > d.deployed_at AND o.rolled_back_at <= at)
    ORDER BY d.deployed_at DESC
    LIMIT 1
$$;

-- Whether a pushed sample of a target, labelled with the version it was measured on, may be
-- credited to the build the target ran at the sample's start: unlabelled samples always are; a
-- labelled one only when the label is that build's version, or, on a baseline Waveguard did not
-- deploy, when the label is none of the versions Waveguard deployed or will deploy there (a
-- control that reports the release's own version is not running its baseline).
CREATE FUNCTION sample_matches_version(target TEXT, at TIMESTAMPTZ, label TEXT) RETURNS BOOLEAN
LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN label IS NULL THEN true
        WHEN deployed_version_at(target, at) IS NOT NULL THEN deployed_version_at(target, at) = label
        ELSE NOT EXISTS (SELECT 1 FROM deployments d WHERE d.target_id = target AND d.version = label)
    END
$$;
