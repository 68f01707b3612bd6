-- Points redeemed for coupons: which spend of a member's points bought which coupon, under the key the member's
-- client sent, so that a retried redemption answers the coupon it bought and spends nothing more. Written in the
-- transaction that spends the points and issues the coupon: all three or none.
CREATE TABLE points_redemptions (
    tenant_id       uuid        NOT NULL,
    member_id       uuid        NOT NULL REFERENCES members (id),
    idempotency_key text        NOT NULL CHECK (idempotency_key ~ '^[A-Za-z0-9_-]{8,64}$'),
    template_id     uuid        NOT NULL,
    coupon_id       uuid        NOT NULL UNIQUE REFERENCES coupons (id),
    entry_id        uuid        NOT NULL UNIQUE REFERENCES points_ledger (id),
    redeemed_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, member_id, idempotency_key),
    FOREIGN KEY (template_id, tenant_id) REFERENCES coupon_templates (id, tenant_id)
);

ALTER TABLE points_redemptions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON points_redemptions
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
