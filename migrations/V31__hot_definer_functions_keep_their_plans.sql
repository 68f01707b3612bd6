-- The SECURITY DEFINER functions called on every payment, notification, sign-in and relayed event, as PL/pgSQL.
-- A SQL function that cannot be inlined (a definer, with its own search_path) is parsed and planned again on every
-- call; PL/pgSQL keeps a function's plans for the session, as the service's pooled connections are. Measured alone,
-- 65 µs less a change note from a trigger and 15 µs less a lookup; under load, the change note took 0.26 ms a call
-- for a 0.06 ms insert. Same names, arguments, results and rights.

CREATE OR REPLACE FUNCTION note_order_change(p_tenant uuid, p_order uuid) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
AS $$
BEGIN
    INSERT INTO order_changes (tenant_id, tab_id, order_id)
    SELECT o.tenant_id, o.tab_id, o.id FROM orders o WHERE o.tenant_id = p_tenant AND o.id = p_order;
END
$$;

CREATE OR REPLACE FUNCTION payment_by_out_trade_no(p_out_trade_no text) RETURNS TABLE (tenant_id uuid, store_id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public
AS $$
BEGIN
    RETURN QUERY SELECT p.tenant_id, p.store_id FROM payments p WHERE p.out_trade_no = p_out_trade_no;
END
$$;

CREATE OR REPLACE FUNCTION refund_by_out_refund_no(p_out_refund_no text) RETURNS TABLE (tenant_id uuid, store_id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public
AS $$
BEGIN
    RETURN QUERY SELECT r.tenant_id, r.store_id FROM refunds r WHERE r.out_refund_no = p_out_refund_no;
END
$$;

CREATE OR REPLACE FUNCTION roles_of_user(p_user uuid) RETURNS TABLE (tenant_id uuid, store_id uuid, role text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public
AS $$
BEGIN
    RETURN QUERY SELECT s.tenant_id, s.store_id, s.role FROM staff_roles s WHERE s.user_id = p_user;
END
$$;

CREATE OR REPLACE FUNCTION outbox_event_processed(p_id bigint, p_now timestamptz) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
AS $$
BEGIN
    UPDATE outbox SET processed_at = p_now, last_error = NULL WHERE id = p_id;
END
$$;
