-- A trust computation stores one snapshot per target: 100,000 rows for a large fleet. Parsing
-- each one's inputs into JSONB was about half of the COPY's time on the server, and nothing
-- queries inside them (readers return them whole, as text). As JSON the text is only validated.
ALTER TABLE trust_snapshots ALTER COLUMN inputs TYPE json USING inputs::json;
