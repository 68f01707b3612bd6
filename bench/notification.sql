-- pgbench -f: exactly the SQL TableLoop runs to record one WeChat Pay notification of an order's payment (as captured
-- on the wire between the service and PostgreSQL), with the same transaction boundaries, as the same application role
-- under row-level security: the lookup of the payment's tenant, on its own outside any transaction; then the tenant's
-- transaction (9 statements, BEGIN and COMMIT counted): the payment locked, marked paid with its order placed, the
-- ledger's entry and the outbox's event written. Nothing runs after the commit but the live pushes (Redis). What the
-- service does before any SQL (the signature's check, the decryption) and after it (the answer) is not here: this is
-- the database's part of a notification alone.
-- Each transaction pays the next of the payments bench/run made pending through the service (prepays asked of the
-- WeChat simulator, never paid there), listed in bench_intake; its number comes from a sequence, read by the lookup
-- (one index lookup and a nextval more than the service's, in the service's favour). The transaction's id and time,
-- which the service takes from the notification, are made here from that number and now(), and the event's payload
-- is built by jsonb_build_object where the service binds it as JSON text.
-- As the service sends them, BEGIN, the tenant's binding and the lock go out in one pipeline (the service sends
-- BEGIN and the binding with the plans' settings as one simple query, a SELECT of set_config with the tenant written
-- in; here BEGIN and the same SELECT as two statements of the pipeline), and so do the two updates, the ledger's entry with the event, and the guard (SELECT 1, which fails in
-- an aborted transaction) with COMMIT.

SELECT q.n AS k, q.out_trade_no, q.payment_id, q.order_id, q.amount_fen, l.tenant_id, l.store_id FROM bench_intake q CROSS JOIN LATERAL payment_by_out_trade_no(q.out_trade_no) l WHERE q.n = (SELECT nextval('bench_intake_next'));
\gset

\startpipeline
BEGIN;
SELECT set_config('tableloop.tenant_id', :tenant_id, true), set_config('plan_cache_mode', 'force_generic_plan', true), set_config('random_page_cost', '1.1', true);
SELECT id, store_id, order_id, tab_id, out_trade_no, method, amount_fen, status, payer_openid, description, prepay_id, transaction_id, paid_at, recorded_by, expires_at, top_up_id, hold_id FROM payments WHERE tenant_id = :tenant_id AND out_trade_no = :out_trade_no FOR UPDATE;
\endpipeline
\startpipeline
UPDATE payments SET status = 'paid', transaction_id = 'bench-' || :k::text, paid_at = date_trunc('second', now()) WHERE tenant_id = :tenant_id AND id = :payment_id AND status IN ('pending', 'closed');
UPDATE orders o SET status = 'placed', paid_by = :payment_id WHERE o.tenant_id = :tenant_id AND o.id = :order_id AND o.status = 'awaiting_payment' RETURNING json_build_object('id', o.id, 'store_id', o.store_id, 'tab_id', o.tab_id, 'table_id', o.table_id, 'number', o.number, 'status', o.status, 'head_count', o.head_count, 'notes', o.notes, 'total_fen', o.total_fen, 'placed_by', o.placed_by, 'placed_at', o.placed_at, 'hurried_at', o.hurried_at, 'end_reason', o.end_reason, 'discount_fen', o.discount_fen, 'adjustments', o.adjustments, 'paid_by', (SELECT json_build_object('method', p.method, 'paid_at', p.paid_at) FROM payments p WHERE p.tenant_id = :tenant_id AND p.id = o.paid_by), 'refunded_fen', (SELECT coalesce(sum(r.amount_fen), 0) FROM refunds r WHERE r.tenant_id = :tenant_id AND r.order_id = o.id AND r.cause = 'requested' AND r.status = 'succeeded'), 'wechat_pending', o.paid_by IS NULL AND o.status IN ('awaiting_payment', 'placed', 'accepted', 'served') AND (EXISTS (SELECT 1 FROM payments p WHERE p.tenant_id = :tenant_id AND p.order_id = o.id AND p.method = 'wechat' AND p.status = 'pending') OR EXISTS (SELECT 1 FROM payment_orders po JOIN payments p ON p.tenant_id = po.tenant_id AND p.id = po.payment_id WHERE po.tenant_id = :tenant_id AND po.order_id = o.id AND p.method = 'wechat' AND p.status = 'pending')), 'items', (SELECT coalesce(json_agg(json_build_object('id', i.id, 'dish_id', i.dish_id, 'dish_name', i.dish_name, 'choices', i.choices, 'unit_price_fen', i.unit_price_fen, 'quantity', i.quantity, 'added_by', i.added_by, 'served_at', i.served_at) ORDER BY i.id), '[]') FROM order_items i WHERE i.tenant_id = :tenant_id AND i.order_id = o.id)) AS order_json;
\endpipeline
\startpipeline
INSERT INTO payment_ledger (tenant_id, store_id, payment_id, order_id, tab_id, entry_key, kind, method, amount_fen, occurred_at, duplicate) VALUES (:tenant_id, :store_id, :payment_id, :order_id, NULL, 'payment:' || :payment_id::text, 'payment', 'wechat', :amount_fen, date_trunc('second', now()), false) ON CONFLICT (entry_key) DO NOTHING;
INSERT INTO outbox (tenant_id, topic, payload) VALUES (:tenant_id, 'order.paid', jsonb_build_object('method', 'wechat', 'tab_id', NULL, 'paid_at', date_trunc('second', now()), 'order_id', :order_id::uuid, 'store_id', :store_id::uuid, 'amount_fen', :amount_fen::bigint, 'payment_id', :payment_id::uuid, 'out_trade_no', :out_trade_no::text, 'transaction_id', 'bench-' || :k::text));
\endpipeline
\startpipeline
SELECT 1;
COMMIT;
\endpipeline
