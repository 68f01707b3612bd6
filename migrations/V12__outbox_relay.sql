-- The outbox relay: events are claimed in batches (FOR UPDATE SKIP LOCKED, so several instances share the work),
-- handed to each handler registered for their topic, retried with backoff, and parked after too many failures with
-- the last error kept.
ALTER TABLE outbox ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE outbox ADD COLUMN last_error text;
ALTER TABLE outbox ADD COLUMN parked_at timestamptz;
DROP INDEX outbox_unprocessed;
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE processed_at IS NULL AND parked_at IS NULL;

-- What each handler has done, written in the handler's own transaction: a handler runs once per event, however often
-- the event is delivered.
CREATE TABLE outbox_handled (
    event_id   bigint      NOT NULL REFERENCES outbox (id),
    handler    text        NOT NULL,
    tenant_id  uuid        NOT NULL,
    handled_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, handler)
);
ALTER TABLE outbox_handled ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbox_handled
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- The relay works across tenants; these functions are all it may do there.
CREATE FUNCTION claim_outbox_events(p_now timestamptz, p_limit integer)
    RETURNS TABLE (id bigint, tenant_id uuid, topic text, payload jsonb, created_at timestamptz, attempts integer)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
AS $$
    SELECT id, tenant_id, topic, payload, created_at, attempts FROM outbox
     WHERE processed_at IS NULL AND parked_at IS NULL AND next_attempt_at <= p_now
     ORDER BY id
     LIMIT p_limit
       -- NO KEY: the handlers' processed-event records reference these rows (a key-share lock) from other
       -- connections while this lock is held.
       FOR NO KEY UPDATE SKIP LOCKED
$$;

CREATE FUNCTION outbox_event_processed(p_id bigint, p_now timestamptz) RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
AS $$
    UPDATE outbox SET processed_at = p_now, last_error = NULL WHERE id = p_id
$$;

CREATE FUNCTION outbox_event_failed(p_id bigint, p_error text, p_next_attempt_at timestamptz, p_park boolean,
                                    p_now timestamptz) RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
AS $$
    UPDATE outbox
       SET attempts = attempts + 1, last_error = left(p_error, 2000), next_attempt_at = p_next_attempt_at,
           parked_at = CASE WHEN p_park THEN p_now END
     WHERE id = p_id
$$;

CREATE FUNCTION outbox_backlog()
    RETURNS TABLE (waiting bigint, oldest timestamptz, parked bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT count(*) FILTER (WHERE parked_at IS NULL),
           min(created_at) FILTER (WHERE parked_at IS NULL),
           count(*) FILTER (WHERE parked_at IS NOT NULL)
      FROM outbox
     WHERE processed_at IS NULL
$$;
