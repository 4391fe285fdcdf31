-- Ingestion adds each new sample to its bucket's rollup in place (an UPDATE of that row per batch),
-- so a rollup row is rewritten about once a minute while its bucket fills. With half of each page
-- left free, the new row version fits on the same page: a heap-only update, which writes neither
-- index and leaves no dead index entries for the next lookup to step over. Pages written before
-- this keep their old fill until they are rewritten.
ALTER TABLE telemetry_rollups SET (fillfactor = 50);
