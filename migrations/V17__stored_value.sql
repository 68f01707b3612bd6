-- Stored value (储值): top-up packages the owner sells, members' balances (principal and bonus apart) with their
-- append-only ledger, top-ups paid through WeChat Pay like orders, and payments taken from the balance.

-- "充 500 送 50": the price paid (principal) and the bonus granted on top. Only active packages can be bought.
CREATE TABLE top_up_packages (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
    price_fen  bigint      NOT NULL CHECK (price_fen BETWEEN 100 AND 10000000),
    bonus_fen  bigint      NOT NULL CHECK (bonus_fen >= 0 AND bonus_fen <= price_fen),
    active     boolean     NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX top_up_packages_by_tenant ON top_up_packages (tenant_id, created_at);

-- A member's balance. The CHECKs are the last word on "never negative", whatever the application does.
CREATE TABLE stored_value_accounts (
    member_id     uuid PRIMARY KEY REFERENCES members (id),
    tenant_id     uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    principal_fen bigint      NOT NULL DEFAULT 0 CHECK (principal_fen >= 0),
    bonus_fen     bigint      NOT NULL DEFAULT 0 CHECK (bonus_fen >= 0),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- A top-up a member started: the package's terms as they were then, and when its money was credited (once).
CREATE TABLE top_ups (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid        NOT NULL,
    store_id    uuid        NOT NULL,
    member_id   uuid        NOT NULL REFERENCES members (id),
    package_id  uuid        NOT NULL REFERENCES top_up_packages (id),
    name        text        NOT NULL,
    price_fen   bigint      NOT NULL CHECK (price_fen > 0),
    bonus_fen   bigint      NOT NULL CHECK (bonus_fen >= 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    credited_at timestamptz,
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id)
);
CREATE INDEX top_ups_by_member ON top_ups (member_id, created_at);

-- Every change of a balance, signed, never changed afterwards; the account is their sum. entry_key names what made
-- the change ('top_up:<id>', 'payment:<payment id>', 'reversal:<refund id>', 'refund:<key>'), so it happens once.
CREATE TABLE stored_value_entries (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id     uuid        NOT NULL,
    member_id     uuid        NOT NULL REFERENCES members (id),
    store_id      uuid        NOT NULL,
    entry_key     text        NOT NULL UNIQUE,
    kind          text        NOT NULL CHECK (kind IN ('top_up', 'payment', 'refund', 'reversal')),
    principal_fen bigint      NOT NULL,
    bonus_fen     bigint      NOT NULL,
    top_up_id     uuid REFERENCES top_ups (id),
    payment_id    uuid REFERENCES payments (id),
    order_id      uuid REFERENCES orders (id),
    tab_id        uuid REFERENCES tabs (id),
    reason        text CHECK (length(reason) <= 80),
    recorded_by   uuid REFERENCES users (id),
    occurred_at   timestamptz NOT NULL,
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id),
    -- Money comes in by top-ups and reversals only, and goes out by payments and refunds only.
    CHECK ((kind IN ('top_up', 'reversal')) = (principal_fen >= 0 AND bonus_fen >= 0)),
    CHECK (principal_fen <> 0 OR bonus_fen <> 0)
);
CREATE INDEX stored_value_entries_by_member ON stored_value_entries (member_id, id);
CREATE INDEX stored_value_entries_by_payment ON stored_value_entries (payment_id) WHERE payment_id IS NOT NULL;
CREATE TRIGGER stored_value_entries_append_only BEFORE UPDATE OR DELETE ON stored_value_entries
    FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();

-- A top-up is paid like an order: a WeChat payment of the top-up. A stored-value payment is a payment of an order or
-- tab taken from the diner's balance at once: no WeChat Pay, no staff, the payer is the diner.
ALTER TABLE payments ADD COLUMN top_up_id uuid REFERENCES top_ups (id);
ALTER TABLE top_ups ADD COLUMN payment_id uuid UNIQUE REFERENCES payments (id);
ALTER TABLE payments DROP CONSTRAINT payments_of_order_or_tab;
ALTER TABLE payments ADD CONSTRAINT payments_of_order_or_tab_or_top_up
    CHECK (num_nonnulls(order_id, tab_id, top_up_id) = 1);
ALTER TABLE payments ADD CONSTRAINT payments_top_up_by_wechat CHECK (top_up_id IS NULL OR method = 'wechat');
CREATE UNIQUE INDEX payments_by_top_up ON payments (top_up_id) WHERE top_up_id IS NOT NULL;
ALTER TABLE payments DROP CONSTRAINT payments_method_check;
ALTER TABLE payments ADD CONSTRAINT payments_method_check
    CHECK (method IN ('wechat', 'cash', 'card', 'other', 'stored_value'));
ALTER TABLE payments DROP CONSTRAINT payments_check1;
ALTER TABLE payments ADD CONSTRAINT payments_recorded_by_staff
    CHECK (method IN ('wechat', 'stored_value') OR recorded_by IS NOT NULL);
ALTER TABLE payments ADD CONSTRAINT payments_stored_value_payer
    CHECK (method <> 'stored_value' OR payer_openid IS NOT NULL);

-- Stored value with WeChat Pay for the rest: the balance's part is a stored-value payment held pending (its money
-- already taken off the balance), and the WeChat payment of the rest names it. WeChat Pay paid: both are paid together.
-- The WeChat payment given up (expired, replaced, paid otherwise): the hold is closed and its money goes back.
ALTER TABLE payments ADD COLUMN hold_id uuid UNIQUE REFERENCES payments (id);
ALTER TABLE payments ADD CONSTRAINT payments_hold_completed_by_wechat CHECK (hold_id IS NULL OR method = 'wechat');

ALTER TABLE payment_ledger DROP CONSTRAINT payment_ledger_method_check;
ALTER TABLE payment_ledger ADD CONSTRAINT payment_ledger_method_check
    CHECK (method IN ('wechat', 'cash', 'card', 'other', 'stored_value'));
ALTER TABLE refunds DROP CONSTRAINT refunds_method_check;
ALTER TABLE refunds ADD CONSTRAINT refunds_method_check
    CHECK (method IN ('wechat', 'cash', 'card', 'other', 'stored_value'));

ALTER TABLE top_up_packages ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON top_up_packages
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE stored_value_accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stored_value_accounts
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE top_ups ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON top_ups
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE stored_value_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stored_value_entries
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
