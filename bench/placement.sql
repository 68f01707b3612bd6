-- pgbench -f: exactly the SQL TableLoop runs for one "cart add + place order" (as captured with log_statement), with
-- the same transaction boundaries, as the same application role under row-level security: the two requests' access
-- checks, the cart add's transaction, the placement's transaction, the re-read of the placed order and the view of
-- the tab pushed to the table afterwards. Client c orders at its own open tab (made by bench/seed.sql); ids come from
-- bench_id, a statement's parameters are written where the service binds them. Two differences, both in the
-- service's favour: the order's id is kept with \gset instead of travelling back to the client, and the tab's
-- items are read by a subquery of the tab's orders instead of a list the service builds from the previous statement.
\set s (:client_id % :stores) + 1
\set dish :s * 100 + 9 + (:client_id % 4)
\set user 90001 + :client_id
\set r random(1, 1000000000000)

-- POST .../cart: access check, then one transaction
SELECT tenant_of_store(bench_id('store', :s)) AS tenant_id;
SELECT tenant_id, store_id, role FROM roles_of_user(bench_id('user', :user));
BEGIN;
SELECT set_config('tableloop.tenant_id', bench_id('tenant', 1)::text, true);
SELECT id, store_id, table_id, status, cart_version FROM tabs WHERE tenant_id = bench_id('tenant', 1) AND store_id = bench_id('store', :s) AND id = bench_id('pgtab', :client_id);
SELECT 1 FROM tab_diners WHERE tenant_id = bench_id('tenant', 1) AND tab_id = bench_id('pgtab', :client_id) AND user_id = bench_id('user', :user);
UPDATE tabs SET cart_version = cart_version + 1, last_activity_at = now() WHERE tenant_id = bench_id('tenant', 1) AND id = bench_id('pgtab', :client_id) AND status = 'open' AND (NULL::bigint IS NULL OR cart_version = NULL) RETURNING cart_version;
SELECT id, tenant_id, code, name, time_zone, ordering_mode, business_hours, staff_may_refund FROM stores WHERE tenant_id = bench_id('tenant', 1) AND id = bench_id('store', :s);
SELECT id, store_id, category_id, name, description, image_url, price_fen, member_price_fen, tags, sort_order, available_windows, sold_out, daily_stock, active AND deleted_at IS NULL AS active, CASE WHEN stock_date = (now() AT TIME ZONE 'Asia/Shanghai')::date THEN stock_left ELSE daily_stock END AS stock_today FROM dishes WHERE tenant_id = bench_id('tenant', 1) AND store_id = bench_id('store', :s) AND id = ANY(ARRAY[bench_id('dish', :dish)]);
SELECT g.dish_id, g.id AS group_id, g.name AS group_name, g.required, g.min_choices, g.max_choices, c.id AS choice_id, c.name AS choice_name, c.price_delta_fen FROM dish_option_groups g JOIN dish_option_choices c ON c.tenant_id = bench_id('tenant', 1) AND c.group_id = g.id AND c.deleted_at IS NULL WHERE g.tenant_id = bench_id('tenant', 1) AND g.dish_id = ANY(ARRAY[bench_id('dish', :dish)]) AND g.deleted_at IS NULL ORDER BY g.dish_id, g.sort_order, g.created_at, g.id, c.sort_order, c.created_at, c.id;
INSERT INTO cart_lines (tenant_id, tab_id, dish_id, choice_ids, quantity, added_by) VALUES (bench_id('tenant', 1), bench_id('pgtab', :client_id), bench_id('dish', :dish), '{}', 1, bench_id('user', :user));
SELECT id, store_id, table_id, status, cart_version FROM tabs WHERE tenant_id = bench_id('tenant', 1) AND store_id = bench_id('store', :s) AND id = bench_id('pgtab', :client_id);
SELECT id, dish_id, choice_ids, quantity, added_by FROM cart_lines WHERE tenant_id = bench_id('tenant', 1) AND tab_id = bench_id('pgtab', :client_id) ORDER BY added_at, id;
SELECT id, tenant_id, code, name, time_zone, ordering_mode, business_hours, staff_may_refund FROM stores WHERE tenant_id = bench_id('tenant', 1) AND id = bench_id('store', :s);
SELECT id, store_id, category_id, name, description, image_url, price_fen, member_price_fen, tags, sort_order, available_windows, sold_out, daily_stock, active AND deleted_at IS NULL AS active, CASE WHEN stock_date = (now() AT TIME ZONE 'Asia/Shanghai')::date THEN stock_left ELSE daily_stock END AS stock_today FROM dishes WHERE tenant_id = bench_id('tenant', 1) AND store_id = bench_id('store', :s) AND id = ANY(ARRAY[bench_id('dish', :dish)]);
SELECT g.dish_id, g.id AS group_id, g.name AS group_name, g.required, g.min_choices, g.max_choices, c.id AS choice_id, c.name AS choice_name, c.price_delta_fen FROM dish_option_groups g JOIN dish_option_choices c ON c.tenant_id = bench_id('tenant', 1) AND c.group_id = g.id AND c.deleted_at IS NULL WHERE g.tenant_id = bench_id('tenant', 1) AND g.dish_id = ANY(ARRAY[bench_id('dish', :dish)]) AND g.deleted_at IS NULL ORDER BY g.dish_id, g.sort_order, g.created_at, g.id, c.sort_order, c.created_at, c.id;
SELECT id, store_id, tab_id, table_id, number, status, head_count, notes, total_fen, placed_by, placed_at, hurried_at, end_reason FROM orders WHERE tenant_id = bench_id('tenant', 1) AND tab_id = bench_id('pgtab', :client_id) ORDER BY placed_at;
SELECT id, order_id, dish_id, dish_name, choices, unit_price_fen, quantity, added_by, served_at FROM order_items WHERE tenant_id = bench_id('tenant', 1) AND order_id = ANY(ARRAY(SELECT id FROM orders WHERE tenant_id = bench_id('tenant', 1) AND tab_id = bench_id('pgtab', :client_id))) ORDER BY order_id, id;
COMMIT;

-- POST .../orders: access check, then the placement's transaction
SELECT tenant_of_store(bench_id('store', :s)) AS tenant_id;
SELECT tenant_id, store_id, role FROM roles_of_user(bench_id('user', :user));
BEGIN;
SELECT set_config('tableloop.tenant_id', bench_id('tenant', 1)::text, true);
SELECT id, store_id, table_id, status, cart_version FROM tabs WHERE tenant_id = bench_id('tenant', 1) AND store_id = bench_id('store', :s) AND id = bench_id('pgtab', :client_id) FOR UPDATE;
SELECT 1 FROM tab_diners WHERE tenant_id = bench_id('tenant', 1) AND tab_id = bench_id('pgtab', :client_id) AND user_id = bench_id('user', :user);
SELECT id, request_hash FROM orders WHERE tenant_id = bench_id('tenant', 1) AND store_id = bench_id('store', :s) AND idempotency_key = 'pg-' || :client_id::text || '-' || :r::text;
SELECT id, tenant_id, code, name, time_zone, ordering_mode, business_hours, staff_may_refund FROM stores WHERE tenant_id = bench_id('tenant', 1) AND id = bench_id('store', :s);
SELECT id, store_id, code, name, area, seats, active FROM dining_tables WHERE tenant_id = bench_id('tenant', 1) AND store_id = bench_id('store', :s) AND id = (SELECT table_id FROM tabs WHERE id = bench_id('pgtab', :client_id));
SELECT id, dish_id, choice_ids, quantity, added_by FROM cart_lines WHERE tenant_id = bench_id('tenant', 1) AND tab_id = bench_id('pgtab', :client_id) ORDER BY added_at, id;
SELECT id, store_id, category_id, name, description, image_url, price_fen, member_price_fen, tags, sort_order, available_windows, sold_out, daily_stock, active AND deleted_at IS NULL AS active, CASE WHEN stock_date = (now() AT TIME ZONE 'Asia/Shanghai')::date THEN stock_left ELSE daily_stock END AS stock_today FROM dishes WHERE tenant_id = bench_id('tenant', 1) AND store_id = bench_id('store', :s) AND id = ANY(ARRAY[bench_id('dish', :dish)]);
SELECT g.dish_id, g.id AS group_id, g.name AS group_name, g.required, g.min_choices, g.max_choices, c.id AS choice_id, c.name AS choice_name, c.price_delta_fen FROM dish_option_groups g JOIN dish_option_choices c ON c.tenant_id = bench_id('tenant', 1) AND c.group_id = g.id AND c.deleted_at IS NULL WHERE g.tenant_id = bench_id('tenant', 1) AND g.dish_id = ANY(ARRAY[bench_id('dish', :dish)]) AND g.deleted_at IS NULL ORDER BY g.dish_id, g.sort_order, g.created_at, g.id, c.sort_order, c.created_at, c.id;
WITH taken AS (UPDATE dishes SET stock_left = CASE WHEN stock_date = (now() AT TIME ZONE 'Asia/Shanghai')::date THEN stock_left ELSE daily_stock END - 1, stock_date = (now() AT TIME ZONE 'Asia/Shanghai')::date WHERE tenant_id = bench_id('tenant', 1) AND id = bench_id('dish', :dish) AND active AND deleted_at IS NULL AND NOT sold_out AND (stock_date IS NULL OR stock_date <= (now() AT TIME ZONE 'Asia/Shanghai')::date) AND CASE WHEN stock_date = (now() AT TIME ZONE 'Asia/Shanghai')::date THEN stock_left ELSE daily_stock END >= 1 RETURNING store_id, stock_left) SELECT taken.store_id, taken.stock_left, (SELECT active AND deleted_at IS NULL AND NOT sold_out AND (stock_date IS NULL OR stock_date <= (now() AT TIME ZONE 'Asia/Shanghai')::date) AND CASE WHEN stock_date = (now() AT TIME ZONE 'Asia/Shanghai')::date THEN stock_left ELSE daily_stock END IS NULL FROM dishes WHERE tenant_id = bench_id('tenant', 1) AND id = bench_id('dish', :dish)) AS unlimited FROM (SELECT 1) AS one LEFT JOIN taken ON true;
INSERT INTO order_counters (tenant_id, store_id, business_date, last_number) VALUES (bench_id('tenant', 1), bench_id('store', :s), (now() AT TIME ZONE 'Asia/Shanghai')::date, 1) ON CONFLICT (store_id, business_date) DO UPDATE SET last_number = order_counters.last_number + 1 RETURNING last_number \gset
INSERT INTO orders (tenant_id, store_id, tab_id, table_id, number, business_date, status, head_count, notes, total_fen, placed_by, idempotency_key, request_hash) VALUES (bench_id('tenant', 1), bench_id('store', :s), bench_id('pgtab', :client_id), (SELECT table_id FROM tabs WHERE id = bench_id('pgtab', :client_id)), chr(65 + (:last_number - 1) / 999) || lpad(((:last_number - 1) % 999 + 1)::text, 3, '0'), (now() AT TIME ZONE 'Asia/Shanghai')::date, 'awaiting_payment', 2, '', 800 + 200 * (:dish % 100), bench_id('user', :user), 'pg-' || :client_id::text || '-' || :r::text, sha256(convert_to('pg-' || :r::text, 'UTF8'))) RETURNING id AS order_id \gset
INSERT INTO order_items (tenant_id, order_id, dish_id, dish_name, choices, unit_price_fen, quantity, added_by) VALUES (bench_id('tenant', 1), :order_id, bench_id('dish', :dish), 'bench dish', '[]', 800 + 200 * (:dish % 100), 1, bench_id('user', :user));
DELETE FROM cart_lines WHERE tenant_id = bench_id('tenant', 1) AND tab_id = bench_id('pgtab', :client_id);
UPDATE tabs SET cart_version = cart_version + 1, last_activity_at = now() WHERE tenant_id = bench_id('tenant', 1) AND id = bench_id('pgtab', :client_id) AND status = 'open' AND (NULL::bigint IS NULL OR cart_version = NULL) RETURNING cart_version;
COMMIT;

-- the placed order, read again
BEGIN;
SELECT set_config('tableloop.tenant_id', bench_id('tenant', 1)::text, true);
SELECT id, store_id, tab_id, table_id, number, status, head_count, notes, total_fen, placed_by, placed_at, hurried_at, end_reason FROM orders WHERE tenant_id = bench_id('tenant', 1) AND store_id = bench_id('store', :s) AND id = :order_id;
SELECT id, order_id, dish_id, dish_name, choices, unit_price_fen, quantity, added_by, served_at FROM order_items WHERE tenant_id = bench_id('tenant', 1) AND order_id = ANY(ARRAY[:order_id::uuid]) ORDER BY order_id, id;
COMMIT;

-- the tab's view, pushed to the table
BEGIN;
SELECT set_config('tableloop.tenant_id', bench_id('tenant', 1)::text, true);
SELECT id, store_id, table_id, status, cart_version FROM tabs WHERE tenant_id = bench_id('tenant', 1) AND store_id = bench_id('store', :s) AND id = bench_id('pgtab', :client_id);
SELECT 1 FROM tab_diners WHERE tenant_id = bench_id('tenant', 1) AND tab_id = bench_id('pgtab', :client_id) AND user_id = bench_id('user', :user);
SELECT id, dish_id, choice_ids, quantity, added_by FROM cart_lines WHERE tenant_id = bench_id('tenant', 1) AND tab_id = bench_id('pgtab', :client_id) ORDER BY added_at, id;
SELECT id, tenant_id, code, name, time_zone, ordering_mode, business_hours, staff_may_refund FROM stores WHERE tenant_id = bench_id('tenant', 1) AND id = bench_id('store', :s);
SELECT id, store_id, tab_id, table_id, number, status, head_count, notes, total_fen, placed_by, placed_at, hurried_at, end_reason FROM orders WHERE tenant_id = bench_id('tenant', 1) AND tab_id = bench_id('pgtab', :client_id) ORDER BY placed_at;
SELECT id, order_id, dish_id, dish_name, choices, unit_price_fen, quantity, added_by, served_at FROM order_items WHERE tenant_id = bench_id('tenant', 1) AND order_id = ANY(ARRAY(SELECT id FROM orders WHERE tenant_id = bench_id('tenant', 1) AND tab_id = bench_id('pgtab', :client_id))) ORDER BY order_id, id;
COMMIT;
