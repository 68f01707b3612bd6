-- A table's tab (the diners at it and their shared cart) and the orders placed from it, with their items.

CREATE TABLE tabs (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id        uuid        NOT NULL,
    store_id         uuid        NOT NULL,
    table_id         uuid        NOT NULL REFERENCES dining_tables (id),
    status           text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    -- Bumped by every change of the cart: a change made against an older version is refused.
    cart_version     bigint      NOT NULL DEFAULT 0,
    opened_at        timestamptz NOT NULL DEFAULT now(),
    last_activity_at timestamptz NOT NULL DEFAULT now(),
    closed_at        timestamptz,
    closed_by        uuid REFERENCES users (id),
    close_reason     text CHECK (close_reason IN ('paid', 'staff', 'expired')),
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id)
);
-- One open tab per table: scanning joins it rather than opening another.
CREATE UNIQUE INDEX tabs_one_open_per_table ON tabs (table_id) WHERE status = 'open';
CREATE INDEX tabs_open_by_store ON tabs (store_id) WHERE status = 'open';

CREATE TABLE tab_diners (
    tab_id    uuid        NOT NULL REFERENCES tabs (id) ON DELETE CASCADE,
    user_id   uuid        NOT NULL REFERENCES users (id),
    tenant_id uuid        NOT NULL,
    joined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tab_id, user_id)
);

CREATE TABLE cart_lines (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid        NOT NULL,
    tab_id     uuid        NOT NULL REFERENCES tabs (id) ON DELETE CASCADE,
    dish_id    uuid        NOT NULL REFERENCES dishes (id),
    choice_ids uuid[]      NOT NULL DEFAULT '{}',
    quantity   integer     NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    added_by   uuid        NOT NULL REFERENCES users (id),
    added_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cart_lines_by_tab ON cart_lines (tab_id);

-- The per-store, per-day order numbers (A001, A002, ...) the kitchen calls out.
CREATE TABLE order_counters (
    tenant_id     uuid    NOT NULL,
    store_id      uuid    NOT NULL,
    business_date date    NOT NULL,
    last_number   integer NOT NULL,
    PRIMARY KEY (store_id, business_date),
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id)
);

CREATE TABLE orders (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       uuid        NOT NULL,
    store_id        uuid        NOT NULL,
    tab_id          uuid        NOT NULL REFERENCES tabs (id),
    table_id        uuid        NOT NULL REFERENCES dining_tables (id),
    number          text        NOT NULL,
    business_date   date        NOT NULL,
    status          text        NOT NULL CHECK (status IN
                        ('awaiting_payment', 'placed', 'accepted', 'rejected', 'served', 'cancelled')),
    head_count      integer     NOT NULL CHECK (head_count BETWEEN 1 AND 99),
    notes           text        CHECK (length(notes) <= 200),
    total_fen       bigint      NOT NULL CHECK (total_fen >= 0),
    placed_by       uuid        NOT NULL REFERENCES users (id),
    -- A retried submit carries the same key: it finds this order instead of placing another.
    idempotency_key text        NOT NULL,
    request_hash    bytea       NOT NULL,
    placed_at       timestamptz NOT NULL DEFAULT now(),
    accepted_at     timestamptz,
    served_at       timestamptz,
    hurried_at      timestamptz,
    ended_at        timestamptz,
    end_reason      text,
    UNIQUE (store_id, idempotency_key),
    UNIQUE (store_id, business_date, number),
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id)
);
CREATE INDEX orders_by_tab ON orders (tab_id);
CREATE INDEX orders_live_by_store ON orders (store_id, placed_at) WHERE status IN ('placed', 'accepted');

CREATE TABLE order_items (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      uuid        NOT NULL,
    order_id       uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    dish_id        uuid        NOT NULL REFERENCES dishes (id),
    -- What the diner saw and paid, kept as it was: the menu may change afterwards.
    dish_name      text        NOT NULL,
    choices        jsonb       NOT NULL DEFAULT '[]',
    unit_price_fen bigint      NOT NULL CHECK (unit_price_fen >= 0),
    quantity       integer     NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    added_by       uuid        NOT NULL REFERENCES users (id),
    served_at      timestamptz
);
CREATE INDEX order_items_by_order ON order_items (order_id);

ALTER TABLE tabs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tabs
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE tab_diners ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tab_diners
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE cart_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cart_lines
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE order_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON order_counters
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON orders
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE order_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON order_items
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- Closes tabs that nobody used for a while and that hold nothing: an abandoned scan must not keep a table busy.
-- Runs across tenants (a housekeeping sweep, not a request), so with the owner's rights.
CREATE FUNCTION expire_abandoned_tabs(p_idle interval) RETURNS integer
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
AS $$
    WITH expired AS (
        UPDATE tabs t
           SET status = 'closed', closed_at = now(), close_reason = 'expired'
         WHERE t.status = 'open'
           AND t.last_activity_at < now() - p_idle
           AND NOT EXISTS (SELECT 1 FROM cart_lines c WHERE c.tab_id = t.id)
           AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.tab_id = t.id)
        RETURNING 1
    )
    SELECT count(*)::integer FROM expired
$$;
