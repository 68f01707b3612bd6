-- Coupons: the templates an owner defines, the coupons issued from them into members' wallets, and the discount an
-- order was given. A template's issued_count is taken under its row lock, so stock is never exceeded however many
-- claims race; a coupon is redeemed by the order that sets its order_id, once.
CREATE TABLE coupon_templates (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name             text        NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
    kind             text        NOT NULL CHECK (kind IN ('amount_off', 'percent_off', 'free_dish')),
    -- What the in-scope part of the order must reach (after member prices and the level's discount).
    threshold_fen    bigint      NOT NULL DEFAULT 0 CHECK (threshold_fen >= 0),
    amount_off_fen   bigint      CHECK (amount_off_fen > 0),
    percent_off      integer     CHECK (percent_off BETWEEN 1 AND 99),
    cap_fen          bigint      CHECK (cap_fen > 0),
    free_dish_id     uuid        REFERENCES dishes (id),
    first_visit_only boolean     NOT NULL DEFAULT false,
    scope_kind       text        NOT NULL DEFAULT 'menu' CHECK (scope_kind IN ('menu', 'categories', 'dishes')),
    scope_ids        uuid[]      NOT NULL DEFAULT '{}',
    validity_kind    text        NOT NULL CHECK (validity_kind IN ('fixed', 'days')),
    starts_at        timestamptz,
    ends_at          timestamptz,
    valid_days       integer     CHECK (valid_days BETWEEN 1 AND 3650),
    total_stock      integer     CHECK (total_stock >= 1),
    issued_count     integer     NOT NULL DEFAULT 0 CHECK (issued_count >= 0),
    per_member_limit integer     NOT NULL DEFAULT 1 CHECK (per_member_limit BETWEEN 1 AND 100),
    stackable        boolean     NOT NULL DEFAULT false,
    claim_code       text        UNIQUE CHECK (claim_code ~ '^[A-HJ-NP-Z2-9]{8}$'),
    points_price     integer     CHECK (points_price BETWEEN 1 AND 10000000),
    active           boolean     NOT NULL DEFAULT true,
    created_by       uuid        REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, tenant_id),
    CHECK (total_stock IS NULL OR issued_count <= total_stock),
    CHECK ((kind = 'amount_off') = (amount_off_fen IS NOT NULL)),
    CHECK ((kind = 'percent_off') = (percent_off IS NOT NULL)),
    CHECK (kind = 'percent_off' OR cap_fen IS NULL),
    CHECK ((kind = 'free_dish') = (free_dish_id IS NOT NULL)),
    CHECK ((scope_kind = 'menu') = (cardinality(scope_ids) = 0)),
    CHECK ((validity_kind = 'fixed') = (starts_at IS NOT NULL AND ends_at IS NOT NULL AND valid_days IS NULL)),
    CHECK ((validity_kind = 'days') = (valid_days IS NOT NULL AND starts_at IS NULL AND ends_at IS NULL)),
    CHECK (ends_at > starts_at)
);
CREATE INDEX coupon_templates_of_tenant ON coupon_templates (tenant_id, created_at);

-- A coupon in a member's wallet: its validity fixed when issued; used by at most one order at a time (order_id),
-- given back (order_id and used_at cleared) when that order ends unpaid or is refunded in full.
CREATE TABLE coupons (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid        NOT NULL,
    template_id uuid        NOT NULL,
    member_id   uuid        NOT NULL REFERENCES members (id),
    source      text        NOT NULL CHECK (source IN ('owner', 'claim', 'points', 'campaign')),
    issued_at   timestamptz NOT NULL DEFAULT now(),
    valid_from  timestamptz NOT NULL,
    valid_until timestamptz NOT NULL,
    used_at     timestamptz,
    -- Deferred: the order redeeming it is written after it, in the same transaction.
    order_id    uuid REFERENCES orders (id) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (template_id, tenant_id) REFERENCES coupon_templates (id, tenant_id),
    CHECK (valid_until > valid_from),
    CHECK ((used_at IS NULL) = (order_id IS NULL))
);
CREATE INDEX coupons_of_member ON coupons (tenant_id, member_id, valid_until);
CREATE INDEX coupons_of_template ON coupons (template_id, member_id);
CREATE INDEX coupons_of_order ON coupons (order_id) WHERE order_id IS NOT NULL;

-- What an order was given off its subtotal (member prices, the level's discount, a coupon), line by line:
-- total_fen stays what is to be paid, and subtotal = total_fen + discount_fen.
ALTER TABLE orders ADD COLUMN discount_fen bigint NOT NULL DEFAULT 0 CHECK (discount_fen >= 0),
                   ADD COLUMN adjustments jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(adjustments) = 'array');

ALTER TABLE coupon_templates ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON coupon_templates
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE coupons ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON coupons
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
