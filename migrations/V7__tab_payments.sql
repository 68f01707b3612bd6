-- Paying an eat-first store's tab at the end of the meal: one payment covers the tab's unpaid orders. The orders it
-- covers are fixed when it is created (what the diner was asked to pay); an order names the payment that paid it,
-- so "what is still to pay" is one question whichever way it was paid.

ALTER TABLE payments ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE payments ADD COLUMN tab_id uuid REFERENCES tabs (id);
ALTER TABLE payments ADD CONSTRAINT payments_of_order_or_tab CHECK (num_nonnulls(order_id, tab_id) = 1);
CREATE INDEX payments_by_tab ON payments (tab_id) WHERE tab_id IS NOT NULL;
CREATE UNIQUE INDEX payments_one_pending_per_payer_of_tab ON payments (tab_id, payer_openid)
    WHERE status = 'pending' AND method = 'wechat' AND tab_id IS NOT NULL;

CREATE TABLE payment_orders (
    payment_id uuid NOT NULL REFERENCES payments (id),
    order_id   uuid NOT NULL REFERENCES orders (id),
    tenant_id  uuid NOT NULL,
    PRIMARY KEY (payment_id, order_id)
);

ALTER TABLE orders ADD COLUMN paid_by uuid REFERENCES payments (id);
UPDATE orders o SET paid_by = p.id FROM payments p
 WHERE p.order_id = o.id AND p.tenant_id = o.tenant_id AND p.status = 'paid' AND o.paid_by IS NULL;

-- A tab payment's money belongs to no single order.
ALTER TABLE payment_ledger ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE payment_ledger ADD COLUMN tab_id uuid REFERENCES tabs (id);

ALTER TABLE payment_orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON payment_orders
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
