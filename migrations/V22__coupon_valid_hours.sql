-- A coupon template may be usable only in some hours of the day (an off-peak offer: the store's quiet hours), each
-- an hour of the redeeming store's local time; none listed means any time of day. The off-peak offer (错峰优惠) is a
-- campaign type.
ALTER TABLE coupon_templates
    ADD COLUMN valid_hours smallint[] NOT NULL DEFAULT '{}'
        CHECK (valid_hours <@ '{0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23}'::smallint[]);

ALTER TABLE campaigns DROP CONSTRAINT campaigns_type_check;
ALTER TABLE campaigns ADD CONSTRAINT campaigns_type_check
    CHECK (type IN ('win_back', 'basket_boost', 'off_peak', 'welcome', 'birthday'));

-- The off-peak card reads a store's paid bills of the last 8 weeks by hour.
CREATE INDEX payments_paid_by_store ON payments (store_id, paid_at) WHERE status = 'paid';
