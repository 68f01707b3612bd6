-- Tenants (a brand or a franchise), their stores and tables, the WeChat users who sign in, and who works where.
-- Every tenant-owned table carries tenant_id and is under row-level security: the application role sees only the
-- rows of the tenant its transaction is bound to (current_tenant_id(), see V1).

CREATE TABLE tenants (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stores (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    -- Short and unique across the deployment: it goes into the table QR codes' 32-character scene.
    code           text        NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9]{6}$'),
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    time_zone      text        NOT NULL DEFAULT 'Asia/Shanghai',
    ordering_mode  text        NOT NULL DEFAULT 'pay_first' CHECK (ordering_mode IN ('pay_first', 'eat_first')),
    -- [{"days":[1,2,3,4,5],"open":"10:00","close":"22:00"}, ...]; empty means always open.
    business_hours jsonb       NOT NULL DEFAULT '[]',
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, tenant_id)
);

CREATE TABLE dining_tables (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid        NOT NULL,
    store_id   uuid        NOT NULL,
    code       text        NOT NULL CHECK (code ~ '^[A-Za-z0-9-]{1,8}$'),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
    area       text        CHECK (length(area) <= 30),
    seats      integer     NOT NULL DEFAULT 4 CHECK (seats BETWEEN 1 AND 99),
    active     boolean     NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (store_id, code),
    -- A table belongs to a store of its own tenant, never another's.
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id) ON DELETE CASCADE
);

-- A WeChat user of this deployment's mini-program. Not tenant-owned: one diner visits many brands. Only the
-- identifiers WeChat gives are kept here; what a brand knows about its members lives with the brand.
CREATE TABLE users (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    openid          text        NOT NULL UNIQUE,
    unionid         text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_sign_in_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_roles (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    store_id   uuid,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       text        NOT NULL CHECK (role IN ('operator', 'owner', 'staff')),
    created_at timestamptz NOT NULL DEFAULT now(),
    -- An operator runs the whole tenant; owners and staff belong to one store.
    CHECK ((role = 'operator') = (store_id IS NULL)),
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id) ON DELETE CASCADE,
    UNIQUE NULLS NOT DISTINCT (tenant_id, store_id, user_id, role)
);
CREATE INDEX staff_roles_by_user ON staff_roles (user_id);

CREATE TABLE staff_invites (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    store_id    uuid,
    role        text        NOT NULL CHECK (role IN ('operator', 'owner', 'staff')),
    -- Only the hash of the invite token is kept: a database dump does not hand out invites.
    token_hash  bytea       NOT NULL UNIQUE,
    created_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
    accepted_at timestamptz,
    CHECK ((role = 'operator') = (store_id IS NULL)),
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id) ON DELETE CASCADE
);

-- WeChat's mini-program codes for tables, kept so that each is drawn (and counted against the quota) once.
CREATE TABLE table_code_images (
    table_id   uuid PRIMARY KEY REFERENCES dining_tables (id) ON DELETE CASCADE,
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    scene      text        NOT NULL,
    page       text        NOT NULL,
    png        bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants
    USING (id = current_tenant_id()) WITH CHECK (id = current_tenant_id());

ALTER TABLE stores ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stores
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE dining_tables ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dining_tables
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE staff_roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON staff_roles
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE staff_invites ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON staff_invites
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE table_code_images ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON table_code_images
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- The few questions that must be answered before a request knows its tenant. Each returns the least it can
-- (which tenant, which store), runs with the owner's rights and a fixed search_path.

-- Which tenant a store belongs to (a request names a store; its tenant binds the transaction).
CREATE FUNCTION tenant_of_store(p_store uuid) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT tenant_id FROM stores WHERE id = p_store
$$;

-- Which store and tenant a QR code's store code names (a diner's scan).
CREATE FUNCTION store_by_code(p_code text) RETURNS TABLE (store_id uuid, tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT id, tenant_id FROM stores WHERE code = p_code
$$;

-- Where a signed-in user works, in every tenant (the user's roles).
CREATE FUNCTION roles_of_user(p_user uuid) RETURNS TABLE (tenant_id uuid, store_id uuid, role text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT tenant_id, store_id, role FROM staff_roles WHERE user_id = p_user
$$;

-- Which tenant an invite token belongs to (the invited person is not staff of it yet).
CREATE FUNCTION tenant_of_invite(p_token_hash bytea) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT tenant_id FROM staff_invites WHERE token_hash = p_token_hash
$$;

-- Whether this deployment has any tenant yet (the embedded default seeds a demo restaurant into an empty one).
CREATE FUNCTION deployment_has_tenants() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT EXISTS (SELECT 1 FROM tenants)
$$;
