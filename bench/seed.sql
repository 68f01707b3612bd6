-- The benchmark's data, made in the database by generate_series as the schema owner (run by bench/run after the
-- migrations): one tenant with :stores stores of 20 tables and a 12-dish menu each, :users WeChat users (their openids
-- are the ones the WeChat simulator gives 'bench-user-<n>', so they sign in as returning diners), and :orders past
-- orders spread evenly over the stores and the last 365 days: two orders a tab, one diner a tab, two lines an order,
-- the tab paid by WeChat in one payment (with its ledger entry). Ids are derived from numbers (md5 -> uuid), so that
-- every statement can name the rows of another without lookups.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';

-- bench_id stays in the benchmark's database: the pgbench script names the same rows with it. n::text, not
-- text || bigint (a stable operator): only a body as immutable as the function lets the planner inline it, else
-- pgbench's generic plans ran it as a SQL function, parsed anew, ~30 times a placement.
CREATE FUNCTION bench_id(kind text, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT md5(kind || ':' || n::text)::uuid $$;
CREATE FUNCTION pg_temp.price(dish int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT 800 + dish * 200 $$;

BEGIN;
INSERT INTO tenants (id, name) VALUES (bench_id('tenant', 1), '基准餐饮 Bench Dining');

INSERT INTO stores (id, tenant_id, code, name, ordering_mode)
SELECT bench_id('store', s), bench_id('tenant', 1), 'bs' || lpad(s::text, 4, '0'), '基准门店 ' || s, 'pay_first'
  FROM generate_series(1, :stores) s;

INSERT INTO dining_tables (id, tenant_id, store_id, code, name, area, seats)
SELECT bench_id('table', s * 100 + t), bench_id('tenant', 1), bench_id('store', s),
       'T' || lpad(t::text, 2, '0'), t || '号桌', CASE WHEN t <= 12 THEN '大厅' ELSE '包间' END, 4
  FROM generate_series(1, :stores) s, generate_series(1, 20) t;

INSERT INTO menu_categories (id, tenant_id, store_id, name, sort_order)
SELECT bench_id('category', s * 10 + c), bench_id('tenant', 1), bench_id('store', s),
       (ARRAY['招牌面 Noodles', '小吃 Snacks', '饮品 Drinks'])[c], c
  FROM generate_series(1, :stores) s, generate_series(1, 3) c;

-- Dishes 1-12 of a store: 4 a category; dishes 1-4 have a required 辣度 group, 5-8 an optional 加料 group.
INSERT INTO dishes (id, tenant_id, store_id, category_id, name, description, image_url, price_fen, member_price_fen,
                    tags, sort_order)
SELECT bench_id('dish', s * 100 + d), bench_id('tenant', 1), bench_id('store', s),
       bench_id('category', s * 10 + (d - 1) / 4 + 1),
       (ARRAY['红烧牛肉面', '酸菜鱼面', '担担面', '炸酱面', '葱油拌面', '番茄鸡蛋面', '煎饺', '春卷', '凉拌黄瓜',
              '酸梅汤', '豆浆', '柠檬茶'])[d] || ' ' || d,
       '精选食材，现点现做。Made to order from fresh ingredients.',
       'https://img.example.com/dishes/' || d || '.jpg', pg_temp.price(d), pg_temp.price(d) - 100,
       CASE WHEN d % 3 = 0 THEN ARRAY['招牌', 'signature'] ELSE '{}' END, d
  FROM generate_series(1, :stores) s, generate_series(1, 12) d;

INSERT INTO dish_option_groups (id, tenant_id, dish_id, name, required, min_choices, max_choices, sort_order)
SELECT bench_id('group', s * 100 + d), bench_id('tenant', 1), bench_id('dish', s * 100 + d),
       CASE WHEN d <= 4 THEN '辣度' ELSE '加料' END, d <= 4, CASE WHEN d <= 4 THEN 1 ELSE 0 END,
       CASE WHEN d <= 4 THEN 1 ELSE 2 END, 1
  FROM generate_series(1, :stores) s, generate_series(1, 8) d;

INSERT INTO dish_option_choices (id, tenant_id, group_id, name, price_delta_fen, sort_order)
SELECT bench_id('choice', (s * 100 + d) * 10 + c), bench_id('tenant', 1), bench_id('group', s * 100 + d),
       CASE WHEN d <= 4 THEN (ARRAY['微辣', '中辣', '特辣'])[c] ELSE (ARRAY['加蛋', '加肉', '加面'])[c] END,
       CASE WHEN d <= 4 THEN 0 ELSE 200 * c END, c
  FROM generate_series(1, :stores) s, generate_series(1, 8) d, generate_series(1, 3) c;

INSERT INTO users (id, openid, created_at, last_sign_in_at)
SELECT bench_id('user', u),
       'o' || left(translate(encode(sha256(convert_to('wx7ab1e10000000000:bench-user-' || u, 'UTF8')), 'base64'),
                             '+/', 'xy'), 27),
       now() - interval '400 days' + u * interval '5 minutes', now() - (u % 300) * interval '1 day'
  FROM generate_series(1, :users) u;
COMMIT;

-- Past business: tab t (0-based) is at store t % S + 1, on the day (t / S) % 365 + 1 days ago, at table
-- (t / (S * 365)) % 20 + 1; it holds orders 2t and 2t + 1, numbered by their place among that store's orders that day.
CREATE TEMP TABLE past_tabs AS
SELECT t, t % :stores + 1 AS s, (current_date - ((t / :stores) % 365 + 1)::int) AS day,
       (t / (:stores * 365)) % 20 + 1 AS tbl, (t / (:stores * 365)) AS round, t % :users + 1 AS u,
       least(2, :orders - 2 * t) AS order_count
  FROM generate_series(0, (:orders + 1) / 2 - 1) t;

CREATE TEMP TABLE past_orders AS
SELECT 2 * p.t + o AS k, p.*, o, (p.t * 7 + o) % 12 + 1 AS dish_a, (p.t * 5 + o * 3) % 12 + 1 AS dish_b
  FROM past_tabs p, generate_series(0, 1) o
 WHERE o < p.order_count;

BEGIN;
INSERT INTO tabs (id, tenant_id, store_id, table_id, status, cart_version, opened_at, last_activity_at, closed_at,
                  close_reason)
SELECT bench_id('tab', t), bench_id('tenant', 1), bench_id('store', s), bench_id('table', s * 100 + tbl),
       'closed', order_count * 2, day + time '11:00' + (round % 10) * interval '50 minutes',
       day + time '11:40' + (round % 10) * interval '50 minutes', day + time '11:45' + (round % 10) * interval '50 minutes',
       'paid'
  FROM past_tabs;

INSERT INTO tab_diners (tab_id, user_id, tenant_id, joined_at)
SELECT bench_id('tab', t), bench_id('user', u), bench_id('tenant', 1), day + time '11:00'
  FROM past_tabs;

INSERT INTO payments (id, tenant_id, store_id, tab_id, out_trade_no, method, amount_fen, status, payer_openid,
                      description, prepay_id, transaction_id, paid_at, expires_at, created_at)
SELECT bench_id('payment', p.t), bench_id('tenant', 1), bench_id('store', p.s), bench_id('tab', p.t),
       'BENCH' || lpad(p.t::text, 12, '0'), 'wechat', sum(pg_temp.price(o.dish_a) + 2 * pg_temp.price(o.dish_b)),
       'paid', u.openid, '基准门店 ' || p.s, 'wx' || md5('prepay' || p.t), '4200' || lpad(p.t::text, 24, '0'),
       p.day + time '11:45', p.day + time '13:40', p.day + time '11:40'
  FROM past_tabs p JOIN past_orders o ON o.t = p.t JOIN users u ON u.id = bench_id('user', p.u)
 GROUP BY p.t, p.s, p.day, u.openid;

INSERT INTO orders (id, tenant_id, store_id, tab_id, table_id, number, business_date, status, head_count, total_fen,
                    placed_by, idempotency_key, request_hash, placed_at, accepted_at, served_at, paid_by)
SELECT bench_id('order', k), bench_id('tenant', 1), bench_id('store', s), bench_id('tab', t),
       bench_id('table', s * 100 + tbl),
       chr(65 + (2 * round + o) / 999) || lpad(((2 * round + o) % 999 + 1)::text, 3, '0'), day, 'served',
       1 + t % 4, pg_temp.price(dish_a) + 2 * pg_temp.price(dish_b), bench_id('user', u), 'seed-' || k,
       sha256(convert_to('seed-' || k, 'UTF8')), day + time '11:05' + (round % 10) * interval '50 minutes' + o * interval '10 minutes',
       day + time '11:06' + (round % 10) * interval '50 minutes' + o * interval '10 minutes',
       day + time '11:20' + (round % 10) * interval '50 minutes' + o * interval '10 minutes', bench_id('payment', t)
  FROM past_orders;

INSERT INTO order_items (id, tenant_id, order_id, dish_id, dish_name, choices, unit_price_fen, quantity, added_by,
                         served_at)
SELECT bench_id('item', k * 2 + i), bench_id('tenant', 1), bench_id('order', k),
       bench_id('dish', s * 100 + CASE WHEN i = 0 THEN dish_a ELSE dish_b END),
       '菜品 ' || CASE WHEN i = 0 THEN dish_a ELSE dish_b END, '[]',
       pg_temp.price(CASE WHEN i = 0 THEN dish_a ELSE dish_b END), i + 1, bench_id('user', u),
       day + time '11:20'
  FROM past_orders, generate_series(0, 1) i;

INSERT INTO payment_orders (payment_id, order_id, tenant_id)
SELECT bench_id('payment', t), bench_id('order', k), bench_id('tenant', 1) FROM past_orders;

INSERT INTO payment_ledger (tenant_id, store_id, payment_id, tab_id, entry_key, kind, method, amount_fen,
                            occurred_at)
SELECT tenant_id, store_id, id, tab_id, 'payment:' || id, 'payment', 'wechat', amount_fen, paid_at
  FROM payments WHERE tab_id IS NOT NULL AND out_trade_no LIKE 'BENCH%';

INSERT INTO order_counters (tenant_id, store_id, business_date, last_number)
SELECT bench_id('tenant', 1), bench_id('store', s), day, count(*) FROM past_orders GROUP BY s, day;
-- A running service forgets which orders changed when after a day (OrderChangesForgetting): so are the past orders'.
TRUNCATE order_changes;
COMMIT;

-- The open tabs pgbench orders at (bench/placement.sql), one per client like the diners of the HTTP run: client c sits
-- alone at table T20, T19, ... of store c % S + 1 as user 'bench-user-<90001 + c>', so they never meet the HTTP diners.
INSERT INTO tabs (id, tenant_id, store_id, table_id)
SELECT bench_id('pgtab', c), bench_id('tenant', 1), bench_id('store', c % :stores + 1),
       bench_id('table', (c % :stores + 1) * 100 + 20 - c / :stores)
  FROM generate_series(0, :clients - 1) c;
INSERT INTO tab_diners (tab_id, user_id, tenant_id)
SELECT bench_id('pgtab', c), bench_id('user', 90001 + c), bench_id('tenant', 1) FROM generate_series(0, :clients - 1) c;

ANALYZE;
