-- GET /api/v1/releases pages newest first by the keyset (created_at, release_id), both descending.
-- These indexes serve every page straight from the index, with and without a service filter;
-- releases_by_service_status still serves the status filter.
CREATE INDEX releases_newest_first ON releases (created_at DESC, release_id DESC);
CREATE INDEX releases_by_service_newest_first ON releases (service, created_at DESC, release_id DESC);
