-- Which of a tab's orders changed in which transaction: everything a diner sees of an order (its row, its items, its
-- payments and refunds) notes the order here when it changes. A reader that already holds a tab's orders as they were
-- at some snapshot then reads again only the orders changed since, instead of the tab's whole history on every cart
-- change, order and payment. Rows are only ever inserted (no two writers wait on each other here) and forgotten after
-- a day; a reader's copy is never that old.
CREATE TABLE order_changes (
    tenant_id  uuid        NOT NULL,
    tab_id     uuid        NOT NULL,
    order_id   uuid        NOT NULL,
    changed_in xid8        NOT NULL DEFAULT pg_current_xact_id(),
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_changes_by_tab ON order_changes (tab_id, changed_in);
CREATE INDEX order_changes_by_age ON order_changes (changed_at);

ALTER TABLE order_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON order_changes
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- SECURITY DEFINER: a change made through another definer function (erasing a diner, say) is noted all the same.
CREATE FUNCTION note_order_change(p_tenant uuid, p_order uuid) RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
AS $$
    INSERT INTO order_changes (tenant_id, tab_id, order_id)
    SELECT o.tenant_id, o.tab_id, o.id FROM orders o WHERE o.tenant_id = p_tenant AND o.id = p_order
$$;

CREATE FUNCTION note_changed_order() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO order_changes (tenant_id, tab_id, order_id) VALUES (OLD.tenant_id, OLD.tab_id, OLD.id);
        RETURN NULL;
    END IF;
    INSERT INTO order_changes (tenant_id, tab_id, order_id) VALUES (NEW.tenant_id, NEW.tab_id, NEW.id);
    IF TG_OP = 'UPDATE' AND OLD.tab_id <> NEW.tab_id THEN
        INSERT INTO order_changes (tenant_id, tab_id, order_id) VALUES (OLD.tenant_id, OLD.tab_id, OLD.id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER order_changes_of_orders AFTER INSERT OR UPDATE OR DELETE ON orders
    FOR EACH ROW EXECUTE FUNCTION note_changed_order();

-- Items, refunds and payment links name their order; a payment names one order or, for a tab payment, several.
CREATE FUNCTION note_change_of_named_order() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
DECLARE
    changed record;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
    PERFORM note_order_change(changed.tenant_id, changed.order_id);
    IF TG_TABLE_NAME = 'payments' THEN
        PERFORM note_order_change(po.tenant_id, po.order_id) FROM payment_orders po
         WHERE po.tenant_id = changed.tenant_id AND po.payment_id = changed.id AND po.order_id <> changed.order_id;
    END IF;
    RETURN NULL;
END
$$;
-- Items are only ever added with their order, whose own insert notes it.
CREATE TRIGGER order_changes_of_items AFTER UPDATE OR DELETE ON order_items
    FOR EACH ROW EXECUTE FUNCTION note_change_of_named_order();
CREATE TRIGGER order_changes_of_refunds AFTER INSERT OR UPDATE OR DELETE ON refunds
    FOR EACH ROW EXECUTE FUNCTION note_change_of_named_order();
CREATE TRIGGER order_changes_of_payment_orders AFTER INSERT OR UPDATE OR DELETE ON payment_orders
    FOR EACH ROW EXECUTE FUNCTION note_change_of_named_order();
CREATE TRIGGER order_changes_of_payments AFTER INSERT OR UPDATE OR DELETE ON payments
    FOR EACH ROW EXECUTE FUNCTION note_change_of_named_order();

-- Every instance forgets old notes on a timer, across tenants; this is all it may do there.
CREATE FUNCTION forget_order_changes(p_older_than interval) RETURNS bigint
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
AS $$
    WITH forgotten AS (DELETE FROM order_changes WHERE changed_at < now() - p_older_than RETURNING 1)
    SELECT count(*) FROM forgotten
$$;
