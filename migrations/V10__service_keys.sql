-- Keys the service signs its own short-lived proofs with (for example the scan token a table's scan hands out). Kept
-- here, not in Redis, so that every instance signs and checks with the same key, and a Redis flush changes nothing.
-- Not tenant data: no tenant_id, no row-level security.
CREATE TABLE service_keys (
    name       text PRIMARY KEY,
    key        bytea       NOT NULL CHECK (length(key) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
);
