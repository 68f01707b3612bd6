-- Payments of orders (WeChat Pay and at the counter), the append-only ledger of money movements, the transactional
-- outbox, and the WeChat Pay notifications that named no payment of ours.

CREATE TABLE payments (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      uuid        NOT NULL,
    store_id       uuid        NOT NULL,
    order_id       uuid        NOT NULL REFERENCES orders (id),
    -- Our id of the payment towards WeChat Pay (and on counter payments, for one way of naming every payment).
    out_trade_no   text        NOT NULL UNIQUE CHECK (out_trade_no ~ '^[A-Za-z0-9_|*-]{6,32}$'),
    method         text        NOT NULL CHECK (method IN ('wechat', 'cash', 'card', 'other')),
    amount_fen     bigint      NOT NULL CHECK (amount_fen >= 0),
    status         text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'closed')),
    -- Who pays through WeChat: asking again for the same order reuses the payment only for the same payer.
    payer_openid   text,
    description    text CHECK (length(description) <= 127),
    prepay_id      text,
    transaction_id text UNIQUE,
    paid_at        timestamptz,
    recorded_by    uuid REFERENCES users (id),
    -- WeChat Pay's time_expire, at whole seconds: a repeated prepay must carry exactly the same terms.
    expires_at     timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id),
    CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
    CHECK (method = 'wechat' OR recorded_by IS NOT NULL),
    CHECK (method <> 'wechat' OR (payer_openid IS NOT NULL AND expires_at IS NOT NULL))
);
CREATE INDEX payments_by_order ON payments (order_id);
CREATE UNIQUE INDEX payments_one_pending_per_payer ON payments (order_id, payer_openid)
    WHERE status = 'pending' AND method = 'wechat';

-- One row per movement of money: a payment in (positive); refunds later (negative). Never changed afterwards.
CREATE TABLE payment_ledger (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    store_id    uuid        NOT NULL,
    payment_id  uuid        NOT NULL REFERENCES payments (id),
    order_id    uuid        NOT NULL REFERENCES orders (id),
    -- What moved the money ('payment:<payment id>', later 'refund:<out_refund_no>'): a movement is booked once.
    entry_key   text        NOT NULL UNIQUE,
    kind        text        NOT NULL CHECK (kind IN ('payment', 'refund')),
    method      text        NOT NULL CHECK (method IN ('wechat', 'cash', 'card', 'other')),
    amount_fen  bigint      NOT NULL,
    occurred_at timestamptz NOT NULL,
    booked_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id),
    CHECK ((kind = 'payment') = (amount_fen >= 0))
);
CREATE INDEX payment_ledger_by_store ON payment_ledger (store_id, occurred_at);

CREATE FUNCTION refuse_append_only_change() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER payment_ledger_append_only BEFORE UPDATE OR DELETE ON payment_ledger
    FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();

-- Events written in the same transaction as the change they announce (order paid → points, referrals, ...),
-- consumed at least once by workers.
CREATE TABLE outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid        NOT NULL,
    topic        text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz
);
CREATE INDEX outbox_unprocessed ON outbox (id) WHERE processed_at IS NULL;

-- Notifications WeChat Pay sent for an out_trade_no we do not know: acknowledged (or WeChat Pay would retry for a
-- day) and kept for reconciliation. They belong to no known tenant, so no row-level security applies.
CREATE TABLE unmatched_notifications (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    notification_id text        NOT NULL UNIQUE,
    event_type      text        NOT NULL,
    out_trade_no    text        NOT NULL,
    transaction_id  text,
    mch_id          text,
    amount_fen      bigint,
    received_at     timestamptz NOT NULL DEFAULT now(),
    resolved_at     timestamptz
);

ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON payments
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE payment_ledger ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON payment_ledger
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbox
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- Which tenant a WeChat Pay notification is for: it names only our out_trade_no.
CREATE FUNCTION payment_by_out_trade_no(p_out_trade_no text) RETURNS TABLE (tenant_id uuid, store_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT tenant_id, store_id FROM payments WHERE out_trade_no = p_out_trade_no
$$;
