-- A computation's model row and its snapshots are written in one transaction (TrustDao
-- insertSnapshots), and retention deletes only models no snapshot refers to: no snapshot can
-- name a missing model, so the foreign key checked nothing the writes do not already guarantee.
-- Its check ran once per row: a third of storing a 100,000-target computation (0.45 s of about
-- 1.5 s of COPY on a scratch copy). The index stays for retention's "no snapshot refers to it".
ALTER TABLE trust_snapshots DROP CONSTRAINT trust_snapshots_model_id_fkey;
