-- Owners and operators read a member's history from the insights: each read is one more kind of access to personal
-- data, and the audit log keeps it like a revealed phone.
ALTER TABLE access_audit DROP CONSTRAINT access_audit_action_check;
ALTER TABLE access_audit ADD CONSTRAINT access_audit_action_check CHECK (action IN
    ('phone_revealed', 'data_exported', 'member_erased', 'member_anonymised', 'members_exported', 'orders_exported',
     'member_data_exported', 'history_viewed'));

-- "常一起点": how many paid orders of a store held both dishes, kept current by an outbox handler on paid orders, so
-- that the diner's menu suggestions read a few rows and the public menu does no extra work. Each pair is kept both
-- ways round (dish → with and with → dish), so that a dish's partners are one index range.
CREATE TABLE dish_pairs (
    tenant_id    uuid   NOT NULL,
    store_id     uuid   NOT NULL,
    dish_id      uuid   NOT NULL,
    with_dish_id uuid   NOT NULL,
    orders       bigint NOT NULL CHECK (orders > 0),
    PRIMARY KEY (store_id, dish_id, with_dish_id),
    CHECK (dish_id <> with_dish_id),
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id) ON DELETE CASCADE
);

-- The paid orders already counted into dish_pairs: an order is counted once, however many payments (a held balance
-- and its WeChat rest) or deliveries of its event there are.
CREATE TABLE dish_pair_orders (
    order_id  uuid PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
    tenant_id uuid NOT NULL
);

-- The orders paid before this migration.
INSERT INTO dish_pair_orders (order_id, tenant_id)
SELECT o.id, o.tenant_id FROM orders o WHERE o.paid_by IS NOT NULL;

INSERT INTO dish_pairs (tenant_id, store_id, dish_id, with_dish_id, orders)
SELECT o.tenant_id, o.store_id, a.dish_id, b.dish_id, count(*)
  FROM orders o
  JOIN (SELECT DISTINCT order_id, dish_id FROM order_items) a ON a.order_id = o.id
  JOIN (SELECT DISTINCT order_id, dish_id FROM order_items) b ON b.order_id = o.id AND b.dish_id <> a.dish_id
 WHERE o.paid_by IS NOT NULL
 GROUP BY o.tenant_id, o.store_id, a.dish_id, b.dish_id;

ALTER TABLE dish_pairs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dish_pairs
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE dish_pair_orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dish_pair_orders
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

