-- A release's rollback fence: written, under the release's advisory lock, before a rollback reads
-- which targets to undo. A deploy claims targets under the same lock (shared) and only while no
-- fence exists, so once a rollback has begun no later or retried deploy attempt can claim a target
-- the rollback would miss.
CREATE TABLE rollback_fences (
    release_id  TEXT PRIMARY KEY,
    fenced_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
