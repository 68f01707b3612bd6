-- Expiry reminders (到期提醒): service notices in the member's message box for a coupon about to expire and for points
-- about to expire. reminder_key names what a reminder is about ('coupon_expiry:<coupon>', 'points_expiry:<day>'):
-- unique per member, so that racing instances and retries write each reminder once.
ALTER TABLE member_messages ADD COLUMN reminder_key text CHECK (length(reminder_key) BETWEEN 1 AND 80);
CREATE UNIQUE INDEX member_messages_reminder_once ON member_messages (tenant_id, member_id, reminder_key)
    WHERE reminder_key IS NOT NULL;
-- The pass's search for coupons about to end, brand by brand (points lots have theirs: points_lots_due).
CREATE INDEX coupons_unused_by_end ON coupons (tenant_id, valid_until) WHERE used_at IS NULL;
-- The owner's "reminded this week" count.
CREATE INDEX member_messages_reminders ON member_messages (tenant_id, created_at) WHERE reminder_key IS NOT NULL;

-- A brand's switch for the reminders; no row means on.
CREATE TABLE reminder_settings (
    tenant_id        uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    expiry_reminders boolean     NOT NULL,
    updated_by       uuid REFERENCES users (id),
    updated_at       timestamptz NOT NULL
);
ALTER TABLE reminder_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reminder_settings
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- The owner's export of what every feature holds about members (coupons, points, stored value, referrals, messages,
-- subscriptions) is audited like the other exports.
ALTER TABLE access_audit DROP CONSTRAINT access_audit_action_check;
ALTER TABLE access_audit ADD CONSTRAINT access_audit_action_check CHECK (action IN
    ('phone_revealed', 'data_exported', 'member_erased', 'member_anonymised', 'members_exported', 'orders_exported',
     'member_data_exported'));
