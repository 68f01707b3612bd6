-- The owner decides whether staff may refund: off until the owner turns it on, since a refund gives money away.
ALTER TABLE stores ADD COLUMN staff_may_refund boolean NOT NULL DEFAULT false;

-- Refunds of an order paid as part of a tab's payment look that payment up through the orders it covers.
CREATE INDEX payment_orders_by_order ON payment_orders (order_id);
-- What is refunded of each order of a payment, asked under the payment's lock.
CREATE INDEX refunds_by_order ON refunds (order_id);
