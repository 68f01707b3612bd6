-- The campaign benchmarks' members, after bench/seed.sql (run as the schema owner): every past payment as a diner
-- visit (as membership's handler records them), members for users 1..:members with marketing consent, joined over the
-- last :joined_days days, birthdays spread over the year, with their sealed phones from bench_phones (bench/SealPhones.java) and their visit
-- statistics, and the owner of store 1: the WeChat simulator's user 'bench-owner'.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET work_mem = '256MB';

BEGIN;
INSERT INTO diner_visits (payment_id, tenant_id, user_id, tab_id, store_id, paid_at, amount_fen)
SELECT p.id, p.tenant_id, d.user_id, p.tab_id, p.store_id, p.paid_at, p.amount_fen
  FROM payments p JOIN tab_diners d ON d.tab_id = p.tab_id
 WHERE p.out_trade_no LIKE 'BENCH%';

INSERT INTO privacy_notices (tenant_id, version, body) VALUES (bench_id('tenant', 1), 1, '会员隐私说明 Privacy notice');

INSERT INTO members (tenant_id, user_id, notice_version, joined_at, joined_store_id, joined_via, marketing_consent,
                     birthday, phone_sealed, phone_key_id, phone_hash, phone_country, visits, spend_fen, first_visit_at,
                     last_visit_at, last_active_at)
SELECT bench_id('tenant', 1), bench_id('user', ph.n), 1, now() - (ph.n % :joined_days) * interval '1 day' - interval '1 hour',
       bench_id('store', 1), 'join_card', true, date '1990-01-01' + (ph.n * 7 % 365), ph.sealed, ph.key_id, ph.hash, '86',
       coalesce(v.visits, 0), coalesce(v.spend, 0), v.first_at, v.last_at, now() - (ph.n % :joined_days) * interval '1 day'
  FROM bench_phones ph
  LEFT JOIN (SELECT user_id, count(*) AS visits, sum(amount_fen) AS spend, min(paid_at) AS first_at,
                    max(paid_at) AS last_at
               FROM diner_visits GROUP BY user_id) v ON v.user_id = bench_id('user', ph.n);

INSERT INTO users (id, openid)
VALUES (bench_id('user', 0),
        'o' || left(translate(encode(sha256(convert_to('wx7ab1e10000000000:bench-owner', 'UTF8')), 'base64'),
                              '+/', 'xy'), 27));
INSERT INTO staff_roles (tenant_id, store_id, user_id, role)
VALUES (bench_id('tenant', 1), bench_id('store', 1), bench_id('user', 0), 'owner');
COMMIT;
ANALYZE;
