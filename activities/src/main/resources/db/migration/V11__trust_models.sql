-- The trust model's parameters (decay, prior, weights) are the same for every target one
-- computation scores: stored once per computation here, and referenced by its snapshots, rather
-- than copied into each snapshot's inputs. Readers put them back under inputs.model, so a
-- snapshot reads as before. Snapshots stored before this keep their own copy (model_id NULL).
CREATE TABLE trust_models (
    id          BIGSERIAL PRIMARY KEY,
    parameters  JSONB NOT NULL
);
ALTER TABLE trust_snapshots ADD COLUMN model_id BIGINT REFERENCES trust_models (id);
CREATE INDEX trust_snapshots_by_model ON trust_snapshots (model_id) WHERE model_id IS NOT NULL;
