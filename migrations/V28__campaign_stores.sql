-- In a franchise a store's owner reaches the members of their own store, with coupons for their store: a campaign
-- names the stores whose members it reaches (those launched before reached the whole brand from their launching
-- store, which they now name), and a coupon template may be limited to stores (NULL: usable at every store).
ALTER TABLE campaigns ADD COLUMN store_ids uuid[];
UPDATE campaigns SET store_ids = ARRAY[store_id];
ALTER TABLE campaigns ALTER COLUMN store_ids SET NOT NULL,
    ADD CONSTRAINT campaigns_store_ids_check CHECK (cardinality(store_ids) >= 1);

ALTER TABLE coupon_templates ADD COLUMN store_ids uuid[] CHECK (store_ids IS NULL OR cardinality(store_ids) >= 1);

-- "Members who paid at one of these stores": the audience of every campaign.
CREATE INDEX diner_visits_by_store ON diner_visits (tenant_id, store_id, user_id);
