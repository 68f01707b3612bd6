-- A recurring campaign may reach a member again on another occasion: a running birthday campaign greets each member
-- every year. The occasion (the birthday's year for a birthday campaign, '' for any other: once per member) joins the
-- key of the campaign's recipients and of its messages, so that it is still exactly once per member per campaign per
-- occasion.
ALTER TABLE campaign_recipients ADD COLUMN occasion text NOT NULL DEFAULT '';
ALTER TABLE member_messages ADD COLUMN occasion text NOT NULL DEFAULT '';

-- Birthdays already greeted were of the first birthday on or after the greeting (store time): enrolment comes a few
-- days before it, the greeting soon after.
UPDATE campaign_recipients r
   SET occasion = coalesce((SELECT min(to_char(d, 'YYYY'))
                     FROM generate_series((coalesce(r.sent_at, now()) AT TIME ZONE s.time_zone)::date,
                                          (coalesce(r.sent_at, now()) AT TIME ZONE s.time_zone)::date + 366,
                                          interval '1 day') d
                    WHERE to_char(d, 'MMDD') = to_char(m.birthday, 'MMDD')), '')
  FROM campaigns c, stores s, members m
 WHERE c.tenant_id = r.tenant_id AND c.id = r.campaign_id AND c.type = 'birthday'
   AND s.tenant_id = c.tenant_id AND s.id = c.store_id
   AND m.tenant_id = r.tenant_id AND m.id = r.member_id AND m.birthday IS NOT NULL;
UPDATE member_messages mm SET occasion = r.occasion
  FROM campaign_recipients r
 WHERE r.tenant_id = mm.tenant_id AND r.campaign_id = mm.campaign_id AND r.member_id = mm.member_id;

ALTER TABLE campaign_recipients DROP CONSTRAINT campaign_recipients_pkey;
ALTER TABLE campaign_recipients ADD PRIMARY KEY (campaign_id, member_id, occasion);
ALTER TABLE member_messages DROP CONSTRAINT member_messages_campaign_id_member_id_key;
ALTER TABLE member_messages ADD CONSTRAINT member_messages_once_per_occasion UNIQUE (campaign_id, member_id, occasion);
