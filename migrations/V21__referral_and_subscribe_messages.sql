-- Referral (邀请有礼): the owner's settings, each referred join with what came of it, the sharer's one reward, and
-- the short codes a poster's mini-program code carries. Transactional subscribe messages: what diners accepted in
-- wx.requestSubscribeMessage, and each message sent (or refused by WeChat) once.

-- One brand's referral programme; no row means the defaults (active, 5 friends, at most 10 counted per sharer).
CREATE TABLE referral_settings (
    tenant_id          uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    active             boolean     NOT NULL DEFAULT true,
    needed             integer     NOT NULL DEFAULT 5 CHECK (needed BETWEEN 1 AND 100),
    cap_per_sharer     integer     NOT NULL DEFAULT 10 CHECK (cap_per_sharer BETWEEN 1 AND 1000),
    friend_template_id uuid REFERENCES coupon_templates (id),
    sharer_template_id uuid REFERENCES coupon_templates (id),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (cap_per_sharer >= needed)
);

-- A diner who joined through a member's referral token, and the verdict: only 'counted' ones got the welcome coupon
-- and count towards the sharer's reward once they paid. Who is who across erasure is kept only as keyed hashes of the
-- WeChat users (friend_key, sharer_key), so that the same user is not counted twice and loops are seen.
CREATE TABLE referrals (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id         uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    sharer_member_id  uuid        NOT NULL REFERENCES members (id),
    friend_member_id  uuid        NOT NULL UNIQUE REFERENCES members (id),
    sharer_key        bytea       NOT NULL,
    friend_key        bytea       NOT NULL,
    outcome           text        NOT NULL CHECK (outcome IN ('counted', 'inactive', 'self', 'sharer_gone',
                                                              'repeat_user', 'already_customer', 'loop', 'over_cap')),
    joined_at         timestamptz NOT NULL,
    welcome_coupon_id uuid REFERENCES coupons (id),
    first_payment_id  uuid REFERENCES payments (id),
    first_paid_at     timestamptz,
    CHECK (outcome = 'counted' OR (welcome_coupon_id IS NULL AND first_paid_at IS NULL))
);
CREATE INDEX referrals_by_sharer ON referrals (tenant_id, sharer_member_id, joined_at);
CREATE INDEX referrals_by_friend_key ON referrals (tenant_id, friend_key);
-- The same WeChat user counts once per brand, whoever shared with them.
CREATE UNIQUE INDEX referrals_counted_once ON referrals (tenant_id, friend_key) WHERE outcome = 'counted';

-- The sharer's reward, at most one per member ever: the row is the "exactly once".
CREATE TABLE referral_rewards (
    sharer_member_id uuid PRIMARY KEY REFERENCES members (id),
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    rewarded_at      timestamptz NOT NULL,
    coupon_id        uuid REFERENCES coupons (id),
    -- Why no coupon was issued (no template set, out of stock…), when none was.
    not_issued       text
);

-- A member's short code for a poster's mini-program code (a scene holds 32 characters; store and token do not fit).
CREATE TABLE referral_codes (
    code      text PRIMARY KEY CHECK (code ~ '^[a-z0-9]{10}$'),
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    store_id  uuid NOT NULL,
    member_id uuid NOT NULL REFERENCES members (id),
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id),
    UNIQUE (store_id, member_id)
);

ALTER TABLE referral_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON referral_settings
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE referrals ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON referrals
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE referral_rewards ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON referral_rewards
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE referral_codes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON referral_codes
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- Which store and member a poster's code names (the diner scanning it belongs to no tenant yet); nothing once the
-- member left.
CREATE FUNCTION referral_code_target(p_code text)
    RETURNS TABLE (store_id uuid, tenant_id uuid, store_name text, member_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT c.store_id, c.tenant_id, s.name, c.member_id
      FROM referral_codes c JOIN stores s ON s.id = c.store_id
      JOIN members m ON m.id = c.member_id AND m.status = 'active'
     WHERE c.code = p_code
$$;

-- What a diner answered in wx.requestSubscribeMessage, one row per template per answer: an accepted row allows one
-- message of that template to them (WeChat's one-time subscription), used by the message it allowed.
CREATE TABLE subscribe_grants (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    store_id    uuid        NOT NULL,
    user_id     uuid        NOT NULL REFERENCES users (id),
    kind        text        NOT NULL CHECK (kind IN ('dishes_ready', 'refund_done')),
    template_id text        NOT NULL CHECK (length(template_id) BETWEEN 1 AND 128),
    order_id    uuid REFERENCES orders (id),
    result      text        NOT NULL CHECK (result IN ('accept', 'reject', 'ban')),
    recorded_at timestamptz NOT NULL,
    used_at     timestamptz,
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id),
    CHECK (result = 'accept' OR used_at IS NULL)
);
CREATE INDEX subscribe_grants_unused ON subscribe_grants (tenant_id, user_id, kind, recorded_at)
    WHERE result = 'accept' AND used_at IS NULL;

-- Each transactional message, once per what it announces (event_key 'dishes_ready:<order>', 'refund_done:<refund>'),
-- with WeChat's verdict: sent, or refused with 43101 (the diner's subscription was spent or withdrawn; not retried).
CREATE TABLE subscribe_messages (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id     uuid        NOT NULL REFERENCES users (id),
    kind        text        NOT NULL CHECK (kind IN ('dishes_ready', 'refund_done')),
    template_id text        NOT NULL,
    event_key   text        NOT NULL,
    grant_id    uuid REFERENCES subscribe_grants (id),
    status      text        NOT NULL CHECK (status IN ('sent', 'refused')),
    errcode     integer,
    created_at  timestamptz NOT NULL,
    UNIQUE (tenant_id, event_key, user_id)
);

ALTER TABLE subscribe_grants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subscribe_grants
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE subscribe_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subscribe_messages
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
