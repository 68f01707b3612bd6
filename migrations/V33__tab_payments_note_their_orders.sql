-- A tab's payment names no order of its own (order_id is null) but covers several (payment_orders). V29 noted those
-- only where they differed from the payment's order, a comparison with null that never holds: a tab payment that
-- changed alone (given up when it expired, say) left no note, and the copy of the tab's orders a service instance
-- keeps (TabOrders) went on showing them as being paid. Now the orders a payment covers are noted unless they are
-- its own order.
--
-- The notes are written here directly, and note_order_change, called only from here, is gone: a definer function with
-- its own settings called from another cost a second switch of both on every change, and every paid order passes here.

CREATE OR REPLACE FUNCTION note_change_of_named_order() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
DECLARE
    changed record;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
    INSERT INTO order_changes (tenant_id, tab_id, order_id)
    SELECT o.tenant_id, o.tab_id, o.id FROM orders o WHERE o.tenant_id = changed.tenant_id AND o.id = changed.order_id;
    IF TG_TABLE_NAME = 'payments' THEN
        INSERT INTO order_changes (tenant_id, tab_id, order_id)
        SELECT o.tenant_id, o.tab_id, o.id
          FROM payment_orders po JOIN orders o ON o.tenant_id = po.tenant_id AND o.id = po.order_id
         WHERE po.tenant_id = changed.tenant_id AND po.payment_id = changed.id
           AND po.order_id IS DISTINCT FROM changed.order_id;
    END IF;
    RETURN NULL;
END
$$;

DROP FUNCTION note_order_change(uuid, uuid);
