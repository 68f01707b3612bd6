-- The outbox keeps every event it ever delivered, and each relay pass (every second on every instance, back to back
-- while a backlog drains) read through that history twice:
-- - the claim asked for the due events in id order. Only the primary key gives that order, so once the statistics
--   showed a backlog the plan walked it from the first event ever written, skipping every delivered one: 10,400
--   buffers and ~9 ms a claim with 21,500 events delivered, more every day;
-- - the backlog's gauges counted the events not yet processed with a scan of the whole table (1,600 buffers a pass
--   at 30,000 events, on every pass, busy or idle).
-- The claim now takes the due events oldest-due first, the order of the index of undelivered events (outbox_due), so
-- it reads as many entries as it claims. Nothing depends on the finer order: events committed out of id order, and
-- retries, were claimed out of it before. The gauges read the undelivered and the parked events through their partial
-- indexes (the whole table only while most of it is still to be delivered, where that is cheaper), in PL/pgSQL, which
-- keeps the function's plans for the session.

CREATE INDEX outbox_parked ON outbox (id) WHERE processed_at IS NULL AND parked_at IS NOT NULL;

CREATE OR REPLACE FUNCTION claim_outbox_events(p_now timestamptz, p_limit integer, p_leased_until timestamptz)
    RETURNS TABLE (id bigint, tenant_id uuid, topic text, payload jsonb, created_at timestamptz, attempts integer)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
AS $$
    WITH due AS (
        SELECT o.id FROM outbox o
         WHERE o.processed_at IS NULL AND o.parked_at IS NULL AND o.next_attempt_at <= p_now
         ORDER BY o.next_attempt_at, o.id
         LIMIT p_limit
           FOR NO KEY UPDATE SKIP LOCKED
    ), leased AS (
        UPDATE outbox o SET next_attempt_at = p_leased_until
          FROM due
         WHERE o.id = due.id
        RETURNING o.id, o.tenant_id, o.topic, o.payload, o.created_at, o.attempts
    )
    SELECT id, tenant_id, topic, payload, created_at, attempts FROM leased ORDER BY id
$$;

CREATE OR REPLACE FUNCTION outbox_backlog() RETURNS TABLE (waiting bigint, oldest timestamptz, parked bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public
AS $$
BEGIN
    RETURN QUERY
    SELECT w.waiting, w.oldest,
           (SELECT count(*) FROM outbox p WHERE p.processed_at IS NULL AND p.parked_at IS NOT NULL)
      FROM (SELECT count(*) AS waiting, min(o.created_at) AS oldest
              FROM outbox o WHERE o.processed_at IS NULL AND o.parked_at IS NULL) AS w;
END
$$;
