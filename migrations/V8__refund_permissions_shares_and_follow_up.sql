-- The owner decides whether staff may refund: off until the owner turns it on, since a refund gives money away.
ALTER TABLE stores ADD COLUMN staff_may_refund boolean NOT NULL DEFAULT false;

-- Refunds of an order paid as part of a tab's payment look that payment up through the orders it covers.
CREATE INDEX payment_orders_by_order ON payment_orders (order_id);
-- What is refunded of each order of a payment, asked under the payment's lock.
CREATE INDEX refunds_by_order ON refunds (order_id);

-- Refunds WeChat Pay has not reported on, of every tenant, for the follow-up that asks it (oldest first): processing
-- since before p_before, and not so old that asking again is pointless.
CREATE FUNCTION refunds_awaiting_wechat(p_before timestamptz, p_since timestamptz, p_limit integer)
    RETURNS TABLE (tenant_id uuid, out_refund_no text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT tenant_id, out_refund_no FROM refunds
     WHERE status = 'processing' AND method = 'wechat' AND created_at < p_before AND created_at >= p_since
     ORDER BY created_at
     LIMIT p_limit
$$;
CREATE INDEX refunds_processing ON refunds (created_at) WHERE status = 'processing';

-- WeChat payments handed to a diner a while ago and still not reported paid, of every tenant, for the sweep that asks
-- WeChat Pay about them before they expire (its notification may have been lost).
CREATE FUNCTION quiet_wechat_payments(p_before timestamptz, p_now timestamptz, p_limit integer)
    RETURNS TABLE (tenant_id uuid, out_trade_no text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT tenant_id, out_trade_no FROM payments
     WHERE status = 'pending' AND method = 'wechat' AND prepay_id IS NOT NULL
       AND created_at < p_before AND expires_at >= p_now
     ORDER BY created_at
     LIMIT p_limit
$$;
