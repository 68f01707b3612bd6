-- A relay's claim is a lease, not a transaction held open for the batch. Held open, the claim was a writing
-- transaction running for as long as its batch took (seconds, under load), and every snapshot taken meanwhile had it
-- as its horizon: readers of a tab's orders (order_changes, V29) read back to it, all orders changed since. Now the
-- claim moves the events' next attempt past the lease and commits at once; the relay settles each event on its own
-- after its handlers ran. A relay that dies leaves its events due again once the lease runs out; a batch that outlasts
-- its lease may be claimed again, which the handlers' processed-event records make harmless.
DROP FUNCTION claim_outbox_events(timestamptz, integer);

CREATE FUNCTION claim_outbox_events(p_now timestamptz, p_limit integer, p_leased_until timestamptz)
    RETURNS TABLE (id bigint, tenant_id uuid, topic text, payload jsonb, created_at timestamptz, attempts integer)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
AS $$
    WITH due AS (
        SELECT o.id FROM outbox o
         WHERE o.processed_at IS NULL AND o.parked_at IS NULL AND o.next_attempt_at <= p_now
         ORDER BY o.id
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
