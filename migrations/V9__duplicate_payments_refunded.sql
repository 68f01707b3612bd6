-- Money WeChat Pay took for something already paid otherwise (the diner paid in WeChat while the cashier took cash)
-- is given back automatically. Such a refund is the service's own, not a person's, and may give back a tab's payment.
ALTER TABLE refunds ALTER COLUMN requested_by DROP NOT NULL;
ALTER TABLE refunds ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE refunds ADD COLUMN tab_id uuid REFERENCES tabs (id);
ALTER TABLE refunds ADD COLUMN cause text NOT NULL DEFAULT 'requested'
    CHECK (cause IN ('requested', 'duplicate_payment'));
ALTER TABLE refunds ADD CONSTRAINT refunds_of_order_or_tab CHECK (num_nonnulls(order_id, tab_id) = 1);
ALTER TABLE refunds ADD CONSTRAINT refunds_requested_by_someone
    CHECK (cause = 'duplicate_payment' OR requested_by IS NOT NULL);
CREATE INDEX refunds_duplicate_payments ON refunds (store_id, created_at) WHERE cause = 'duplicate_payment';

-- A duplicate's money in and its refund out stay in the ledger (they moved), marked so that the settlement counts
-- the sale once and shows the duplicate beside it.
ALTER TABLE payment_ledger ADD COLUMN duplicate boolean NOT NULL DEFAULT false;
