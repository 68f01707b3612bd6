-- Single-runner leases: a background job that must run on one instance at a time (starting scheduled campaigns,
-- enrolling recurring campaigns' members) runs only on the instance holding its lease, which renews it each pass; any
-- instance takes it over once it expired. Here, not in Redis, because Redis may be lost.
CREATE TABLE job_leases (
    name       text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 100),
    holder     text        NOT NULL CHECK (length(holder) BETWEEN 1 AND 200),
    expires_at timestamptz NOT NULL
);
-- No tenant's data and no policy: the application role reaches it only through the function below.
ALTER TABLE job_leases ENABLE ROW LEVEL SECURITY;

-- Takes the lease, or renews it, in one statement: answers whether p_holder holds it until p_now + p_ttl. Racing
-- callers queue on the row, and each sees the winner's row before deciding, so one holds it at a time.
CREATE FUNCTION take_job_lease(p_name text, p_holder text, p_now timestamptz, p_ttl interval) RETURNS boolean
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
AS $$
    WITH taken AS (
        INSERT INTO job_leases AS l (name, holder, expires_at) VALUES (p_name, p_holder, p_now + p_ttl)
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE l.expires_at <= p_now OR l.holder = p_holder
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM taken)
$$;
