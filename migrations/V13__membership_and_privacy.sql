-- Members a restaurant owns: the privacy notice they agreed to, their consents (append-only), their optional
-- personal data (the phone sealed with a key from the environment, found by a keyed hash), their visit statistics
-- from paid orders, who recruited them, and an audit log of every access to personal data.

-- The notice a diner reads before joining, versioned per tenant: a new text is a new version, never an edit.
CREATE TABLE privacy_notices (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version      integer     NOT NULL CHECK (version >= 1),
    body         text        NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    published_by uuid REFERENCES users (id),
    published_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, version)
);

CREATE TABLE membership_settings (
    tenant_id      uuid    PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    -- Members inactive longer than this are anonymised by the retention job.
    retention_days integer NOT NULL DEFAULT 1095 CHECK (retention_days BETWEEN 30 AND 3650)
);

-- A staff member's personal join code: a diner joining through it is credited to them.
CREATE TABLE staff_join_codes (
    code          text        PRIMARY KEY CHECK (code ~ '^[a-z0-9]{10}$'),
    tenant_id     uuid        NOT NULL,
    store_id      uuid        NOT NULL,
    staff_user_id uuid        NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (store_id, staff_user_id),
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id)
);

-- One member per diner and tenant (across the brand's stores). Erased members keep their statistics for the
-- restaurant's accounting, and nothing that names the person: user, phone, nickname and birthday are gone.
CREATE TABLE members (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id         uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id           uuid REFERENCES users (id),
    status            text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'erased')),
    notice_version    integer     NOT NULL,
    joined_at         timestamptz NOT NULL,
    joined_store_id   uuid        NOT NULL,
    joined_table_id   uuid REFERENCES dining_tables (id),
    joined_via        text        NOT NULL CHECK (joined_via IN ('join_card', 'referral', 'staff_code')),
    recruited_by      uuid REFERENCES users (id),
    referred_by       uuid REFERENCES members (id),
    marketing_consent boolean     NOT NULL DEFAULT false,
    nickname          text CHECK (length(nickname) BETWEEN 1 AND 20),
    birthday          date,
    -- AES-GCM (nonce then ciphertext) under the key named by phone_key_id; the hash is an HMAC for look-up.
    phone_sealed      bytea,
    phone_key_id      text,
    phone_hash        bytea,
    phone_country     text CHECK (phone_country ~ '^[0-9]{1,4}$'),
    visits            integer     NOT NULL DEFAULT 0,
    spend_fen         bigint      NOT NULL DEFAULT 0,
    first_visit_at    timestamptz,
    last_visit_at     timestamptz,
    last_active_at    timestamptz NOT NULL,
    erased_at         timestamptz,
    UNIQUE (tenant_id, user_id),
    FOREIGN KEY (notice_version, tenant_id) REFERENCES privacy_notices (version, tenant_id),
    FOREIGN KEY (joined_store_id, tenant_id) REFERENCES stores (id, tenant_id),
    CHECK ((status = 'erased') = (erased_at IS NOT NULL)),
    CHECK (status = 'active' OR (user_id IS NULL AND nickname IS NULL AND birthday IS NULL AND phone_sealed IS NULL
                                 AND phone_hash IS NULL)),
    CHECK ((phone_sealed IS NULL) = (phone_key_id IS NULL) AND (phone_sealed IS NULL) = (phone_hash IS NULL))
);
CREATE INDEX members_by_phone ON members (tenant_id, phone_hash) WHERE phone_hash IS NOT NULL;
CREATE INDEX members_by_recruiter ON members (tenant_id, recruited_by, joined_at) WHERE recruited_by IS NOT NULL;
CREATE INDEX members_by_activity ON members (tenant_id, last_active_at) WHERE status = 'active';

-- Every grant and withdrawal of consent, never changed afterwards.
CREATE TABLE consent_ledger (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      uuid        NOT NULL,
    member_id      uuid        NOT NULL REFERENCES members (id),
    purpose        text        NOT NULL CHECK (purpose IN ('membership', 'marketing')),
    granted        boolean     NOT NULL,
    notice_version integer,
    recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consent_ledger_by_member ON consent_ledger (member_id, id);
CREATE TRIGGER consent_ledger_append_only BEFORE UPDATE OR DELETE ON consent_ledger
    FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();

-- Who looked at or took personal data, whose, when and why; never changed afterwards.
CREATE TABLE access_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    actor_id    uuid REFERENCES users (id),
    actor_role  text        NOT NULL CHECK (actor_role IN ('operator', 'owner', 'staff', 'diner', 'system')),
    member_id   uuid REFERENCES members (id),
    action      text        NOT NULL CHECK (action IN
                    ('phone_revealed', 'data_exported', 'member_erased', 'member_anonymised', 'members_exported',
                     'orders_exported')),
    reason      text CHECK (length(reason) <= 200),
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX access_audit_by_member ON access_audit (member_id, id);
CREATE TRIGGER access_audit_append_only BEFORE UPDATE OR DELETE ON access_audit
    FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();

-- What each paid payment was to the diner behind it (the payer, or who placed the order): the source of members'
-- statistics, kept for every diner so that a member's visits before joining count too. Written once per payment by
-- membership's outbox handler. A visit is a meal: the payments of one tab (加菜 paid on its own) are one visit.
CREATE TABLE diner_visits (
    payment_id   uuid        PRIMARY KEY REFERENCES payments (id),
    tenant_id    uuid        NOT NULL,
    user_id      uuid REFERENCES users (id),
    tab_id       uuid REFERENCES tabs (id),
    store_id     uuid        NOT NULL,
    paid_at      timestamptz NOT NULL,
    amount_fen   bigint      NOT NULL CHECK (amount_fen >= 0),
    refunded_fen bigint      NOT NULL DEFAULT 0 CHECK (refunded_fen BETWEEN 0 AND amount_fen),
    -- [{"dish_id": …, "name": …, "quantity": …}]
    dishes       jsonb       NOT NULL DEFAULT '[]'
);
CREATE INDEX diner_visits_by_user ON diner_visits (tenant_id, user_id, paid_at);

-- The visits paid before this migration whose events the relay has already delivered (to no membership handler
-- then), with the refunds likewise delivered: recorded now, so that diners who join later have them counted. Events
-- still waiting reach the handler, which records them then.
WITH delivered_payments AS (
    SELECT DISTINCT (payload ->> 'payment_id')::uuid AS payment_id FROM outbox
     WHERE topic IN ('order.paid', 'tab.paid') AND processed_at IS NOT NULL),
delivered_refunds AS (
    SELECT DISTINCT (payload ->> 'refund_id')::uuid AS refund_id FROM outbox
     WHERE topic = 'payment.refunded' AND processed_at IS NOT NULL)
INSERT INTO diner_visits (payment_id, tenant_id, user_id, tab_id, store_id, paid_at, amount_fen, refunded_fen,
                          dishes)
SELECT p.id, p.tenant_id,
       coalesce((SELECT u.id FROM users u WHERE u.openid = p.payer_openid),
                (SELECT o.placed_by FROM orders o WHERE o.paid_by = p.id ORDER BY o.placed_at LIMIT 1)),
       (SELECT o.tab_id FROM orders o WHERE o.paid_by = p.id LIMIT 1),
       p.store_id, p.paid_at, p.amount_fen,
       least(p.amount_fen, (SELECT coalesce(sum(r.amount_fen), 0) FROM refunds r
                             JOIN delivered_refunds d ON d.refund_id = r.id
                            WHERE r.payment_id = p.id AND r.status = 'succeeded')),
       coalesce((SELECT jsonb_agg(jsonb_build_object('dish_id', d.dish_id, 'name', d.name, 'quantity', d.quantity)
                                  ORDER BY d.name)
                   FROM (SELECT i.dish_id, min(i.dish_name) AS name, sum(i.quantity) AS quantity
                           FROM order_items i JOIN orders o ON o.id = i.order_id
                          WHERE o.paid_by = p.id
                          GROUP BY i.dish_id) d), '[]'::jsonb)
  FROM payments p
  JOIN delivered_payments d ON d.payment_id = p.id
 WHERE p.status = 'paid';

ALTER TABLE privacy_notices ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON privacy_notices
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE membership_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON membership_settings
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE staff_join_codes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON staff_join_codes
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE members ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON members
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE consent_ledger ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON consent_ledger
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE access_audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON access_audit
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE diner_visits ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON diner_visits
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- Which store a staff join code names (the diner scanning it belongs to no tenant yet).
CREATE FUNCTION store_of_join_code(p_code text) RETURNS TABLE (store_id uuid, tenant_id uuid, store_name text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT c.store_id, c.tenant_id, s.name FROM staff_join_codes c JOIN stores s ON s.id = c.store_id
     WHERE c.code = p_code
$$;

-- The tenants that have active members: the retention job visits each in its own tenant transaction.
CREATE FUNCTION tenants_with_members() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT DISTINCT tenant_id FROM members WHERE status = 'active'
$$;

-- A person who left a tenant's membership (or was anonymised there): the tenant's payments forget which WeChat
-- user paid them, and the WeChat identity is erased from the deployment too unless something else still needs it (a
-- role somewhere, a membership elsewhere). The user id, which orders reference, stays and names nobody any more.
-- Answers whether the identity was erased.
CREATE FUNCTION erase_user_identity(p_user uuid, p_tenant uuid) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
AS $$
BEGIN
    -- Only for the tenant the calling transaction is bound to.
    IF p_tenant IS DISTINCT FROM current_tenant_id() THEN
        RAISE EXCEPTION 'erase_user_identity: not the tenant of this transaction';
    END IF;
    UPDATE payments SET payer_openid = 'erased:' || id
     WHERE tenant_id = p_tenant AND payer_openid = (SELECT openid FROM users WHERE id = p_user);
    IF EXISTS (SELECT 1 FROM staff_roles WHERE user_id = p_user)
       OR EXISTS (SELECT 1 FROM members WHERE user_id = p_user AND status = 'active') THEN
        RETURN false;
    END IF;
    UPDATE users SET openid = 'erased:' || id, unionid = NULL WHERE id = p_user;
    RETURN true;
END
$$;
