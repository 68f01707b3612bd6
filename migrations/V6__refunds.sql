-- Refunds of paid payments (through WeChat Pay, or handed back at the counter), and what the settlement and the
-- expiry sweep need to look across tenants.

-- How much of a payment is refunded or being refunded: reserved before WeChat Pay is asked, released if it refuses.
-- The CHECK is the last word on "never more than was paid", whatever the application does.
ALTER TABLE payments ADD COLUMN refunded_fen bigint NOT NULL DEFAULT 0
    CHECK (refunded_fen >= 0 AND refunded_fen <= amount_fen);

CREATE TABLE refunds (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id        uuid        NOT NULL,
    store_id         uuid        NOT NULL,
    payment_id       uuid        NOT NULL REFERENCES payments (id),
    order_id         uuid        NOT NULL REFERENCES orders (id),
    -- The caller's key: the same key asks for the same refund, so a retried request never refunds twice.
    idempotency_key  text        NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 64),
    -- Our id of the refund towards WeChat Pay, derived from the key: a retry sends WeChat Pay the same refund.
    out_refund_no    text        NOT NULL UNIQUE CHECK (out_refund_no ~ '^[A-Za-z0-9_*|@-]{1,64}$'),
    method           text        NOT NULL CHECK (method IN ('wechat', 'cash', 'card', 'other')),
    amount_fen       bigint      NOT NULL CHECK (amount_fen > 0),
    reason           text        NOT NULL CHECK (length(reason) <= 80),
    status           text        NOT NULL DEFAULT 'processing'
        CHECK (status IN ('processing', 'succeeded', 'failed')),
    wechat_refund_id text,
    failure          text,
    requested_by     uuid        NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    succeeded_at     timestamptz,
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id),
    UNIQUE (store_id, idempotency_key),
    CHECK ((status = 'succeeded') = (succeeded_at IS NOT NULL))
);
CREATE INDEX refunds_by_payment ON refunds (payment_id);
CREATE INDEX refunds_by_store ON refunds (store_id, succeeded_at);
CREATE INDEX payments_pending_expiry ON payments (expires_at) WHERE status = 'pending' AND method = 'wechat';

ALTER TABLE refunds ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON refunds
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- Which tenant a WeChat Pay refund notification is for: it names only our out_refund_no.
CREATE FUNCTION refund_by_out_refund_no(p_out_refund_no text) RETURNS TABLE (tenant_id uuid, store_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT tenant_id, store_id FROM refunds WHERE out_refund_no = p_out_refund_no
$$;

-- WeChat payments past their expiry, of every tenant, for the sweep that closes them (oldest first).
CREATE FUNCTION expired_wechat_payments(p_now timestamptz, p_limit integer)
    RETURNS TABLE (tenant_id uuid, out_trade_no text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT tenant_id, out_trade_no FROM payments
     WHERE status = 'pending' AND method = 'wechat' AND expires_at < p_now
     ORDER BY expires_at
     LIMIT p_limit
$$;

-- One merchant account may serve several stores, so a day's trade bill lists all of them: of these out_trade_nos,
-- the ones that are payments of another store, and so none of this store's reconciliation.
CREATE FUNCTION out_trade_nos_of_other_stores(p_store_id uuid, p_out_trade_nos text[]) RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT out_trade_no FROM payments WHERE out_trade_no = ANY (p_out_trade_nos) AND store_id <> p_store_id
$$;
