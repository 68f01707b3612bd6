-- What the insights read by, each from the index alone: the orders a bill paid (orders, covers), their items (top
-- dishes; this index takes the place of order_items_by_order, which it also serves), and the members who joined at a
-- store in a period. Bills themselves come from the ledger by store and time, which payment_ledger_by_store serves.
CREATE INDEX orders_by_paying_payment ON orders (paid_by) INCLUDE (tenant_id, id, head_count) WHERE paid_by IS NOT NULL;
CREATE INDEX order_items_by_order_with_dish ON order_items (order_id)
    INCLUDE (tenant_id, dish_id, quantity, unit_price_fen);
DROP INDEX order_items_by_order;
CREATE INDEX members_by_joining_store ON members (tenant_id, joined_store_id, joined_at);
