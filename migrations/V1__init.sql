-- TableLoop's first migration: what every later feature's tables rely on.

-- The tenant a transaction acts for, set with set_config('tableloop.tenant_id', <uuid>, true) at the start of the
-- transaction (see Database.inTenant). Row-level security policies on tenant-owned tables compare with it:
--   CREATE POLICY tenant_isolation ON <table> USING (tenant_id = current_tenant_id())
--     WITH CHECK (tenant_id = current_tenant_id());
-- Unset, it is NULL, and NULL equals nothing: a transaction without a tenant sees no tenant's rows.
CREATE FUNCTION current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT nullif(current_setting('tableloop.tenant_id', true), '')::uuid
$$;
