-- What the insights read by: the orders a bill paid (orders, covers and top dishes, read from the index alone) and the
-- members who joined at a store in a period. Bills themselves come from the ledger by store and time, which
-- payment_ledger_by_store serves.
CREATE INDEX orders_by_paying_payment ON orders (paid_by) INCLUDE (tenant_id, id, head_count) WHERE paid_by IS NOT NULL;
CREATE INDEX members_by_joining_store ON members (tenant_id, joined_store_id, joined_at);
