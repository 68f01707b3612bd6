-- Campaigns: what an owner launched from a campaign card, the members it reaches (one row each, written at launch in
-- one statement, unique per campaign and member so that nobody is reached twice), and the diner's message box.
CREATE TABLE campaigns (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    store_id        uuid        NOT NULL,
    type            text        NOT NULL CHECK (type IN ('win_back', 'basket_boost', 'welcome', 'birthday')),
    title           text        NOT NULL CHECK (length(title) BETWEEN 1 AND 40),
    status          text        NOT NULL CHECK (status IN ('scheduled', 'running', 'paused', 'stopped', 'finished')),
    -- The offer and audience parameters as launched (the offer of a per-member campaign is its rule).
    offer           jsonb       NOT NULL,
    params          jsonb       NOT NULL,
    message         text        NOT NULL CHECK (length(message) BETWEEN 1 AND 300),
    budget_fen      bigint      CHECK (budget_fen > 0),
    -- Face value of the coupons issued so far: never above the budget.
    issued_fen      bigint      NOT NULL DEFAULT 0 CHECK (issued_fen >= 0 AND issued_fen <= coalesce(budget_fen, issued_fen)),
    starts_at       timestamptz NOT NULL,
    idempotency_key text        NOT NULL CHECK (idempotency_key ~ '^[A-Za-z0-9_-]{8,64}$'),
    created_by      uuid REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, tenant_id),
    UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX campaigns_of_tenant ON campaigns (tenant_id, created_at);
-- One live campaign of a type at a time, so that two owners' taps never reach the same members twice over.
CREATE UNIQUE INDEX campaigns_one_live_per_type ON campaigns (tenant_id, type)
    WHERE status IN ('scheduled', 'running', 'paused');

-- The coupon templates a campaign gives: one, or one per threshold for a per-member offer.
CREATE TABLE campaign_offers (
    campaign_id    uuid   NOT NULL,
    tenant_id      uuid   NOT NULL,
    template_id    uuid   NOT NULL,
    threshold_fen  bigint NOT NULL CHECK (threshold_fen >= 0),
    amount_off_fen bigint NOT NULL CHECK (amount_off_fen > 0),
    PRIMARY KEY (campaign_id, threshold_fen),
    FOREIGN KEY (campaign_id, tenant_id) REFERENCES campaigns (id, tenant_id),
    FOREIGN KEY (template_id, tenant_id) REFERENCES coupon_templates (id, tenant_id)
);

-- One member reached by one campaign. pending → sent (coupon issued and message written in one transaction) or
-- skipped (the member left, or the budget ran out, with the reason).
CREATE TABLE campaign_recipients (
    campaign_id uuid        NOT NULL,
    tenant_id   uuid        NOT NULL,
    member_id   uuid        NOT NULL REFERENCES members (id),
    template_id uuid        NOT NULL,
    state       text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'skipped')),
    skip_reason text,
    coupon_id   uuid REFERENCES coupons (id),
    sent_at     timestamptz,
    -- The SMS: null when none is due (no consent or phone); due from sms_due_at (moved on by quiet hours and the
    -- frequency cap); attempted (committed before the provider is called, under the recipient's own id, and never
    -- called again: at most one SMS); sent or failed as the provider answered; skipped when consent was withdrawn.
    sms_state   text CHECK (sms_state IN ('due', 'attempted', 'sent', 'failed', 'skipped')),
    sms_due_at  timestamptz,
    sms_sent_at timestamptz,
    sms_code    text,
    PRIMARY KEY (campaign_id, member_id),
    FOREIGN KEY (campaign_id, tenant_id) REFERENCES campaigns (id, tenant_id),
    CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX campaign_recipients_pending ON campaign_recipients (campaign_id) WHERE state = 'pending';
CREATE INDEX campaign_recipients_of_member ON campaign_recipients (tenant_id, member_id);
CREATE INDEX campaign_recipients_sms_due ON campaign_recipients (tenant_id, sms_due_at) WHERE sms_state = 'due';

-- The diner's message box: what a campaign (or later another part) told a member in the mini-program.
CREATE TABLE member_messages (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid        NOT NULL,
    member_id   uuid        NOT NULL REFERENCES members (id),
    title       text        NOT NULL CHECK (length(title) BETWEEN 1 AND 40),
    body        text        NOT NULL CHECK (length(body) BETWEEN 1 AND 300),
    coupon_id   uuid REFERENCES coupons (id),
    campaign_id uuid,
    created_at  timestamptz NOT NULL DEFAULT now(),
    read_at     timestamptz,
    FOREIGN KEY (campaign_id, tenant_id) REFERENCES campaigns (id, tenant_id),
    UNIQUE (campaign_id, member_id)
);
CREATE INDEX member_messages_of_member ON member_messages (tenant_id, member_id, created_at);

ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON campaigns
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE campaign_offers ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON campaign_offers
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE campaign_recipients ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON campaign_recipients
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE member_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_messages
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- The tenants with scheduled or running campaigns, which may have members to reach, gain members (welcome,
-- birthday) or be done (to be marked finished): the dispatcher then works inside each tenant.
CREATE FUNCTION tenants_with_campaign_work() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT DISTINCT c.tenant_id FROM campaigns c
     WHERE c.status IN ('scheduled', 'running')
$$;

-- The tenants with campaign SMS due by now, or (where the provider recognises a resend by our id) attempted before
-- p_retry_before without an answer recorded.
CREATE FUNCTION tenants_with_sms_due(p_now timestamptz, p_retry_before timestamptz) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT DISTINCT r.tenant_id FROM campaign_recipients r
     WHERE (r.sms_state = 'due' AND r.sms_due_at <= p_now)
        OR (r.sms_state = 'attempted' AND r.sms_sent_at <= p_retry_before)
$$;
CREATE INDEX campaign_recipients_sms_attempted ON campaign_recipients (tenant_id, sms_sent_at)
    WHERE sms_state = 'attempted';

-- The brands where a phone number (by its keyed hash) is a member's: a reply to a marketing SMS names only the number.
CREATE FUNCTION tenants_with_member_phone(p_hash bytea) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT DISTINCT tenant_id FROM members WHERE phone_hash = p_hash AND status = 'active'
$$;
