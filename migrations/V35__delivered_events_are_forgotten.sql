-- Delivered events were kept for ever, each with a record per handler. Every instance now forgets, once an hour,
-- those delivered a week before (OutboxForgetting): the outbox holds what is still to be done and a week of what was
-- done, not the whole history, and the payloads (whose payment, which member) go with them. Undelivered and parked
-- events stay however old. At most 5,000 a pass (120,000 a day, far more than a busy instance delivers): the first
-- pass over a long history must not be one long writing transaction, which would hold back every snapshot's horizon
-- (and with it the tab reads of order_changes) for as long as it ran. Instances whose passes meet skip the events
-- the other has locked, rather than deleting the same records in another order (a deadlock). Across tenants; this is
-- all the function may do there.
CREATE FUNCTION forget_delivered_events(p_older_than interval) RETURNS bigint
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
AS $$
    WITH old AS (
        SELECT id FROM outbox WHERE processed_at < now() - p_older_than LIMIT 5000 FOR UPDATE SKIP LOCKED
    ), records AS (
        DELETE FROM outbox_handled h USING old WHERE h.event_id = old.id
    ), forgotten AS (
        DELETE FROM outbox o USING old WHERE o.id = old.id RETURNING 1
    )
    SELECT count(*) FROM forgotten
$$;
