-- Each store's menu: ordered categories, dishes with option groups and choices, today's stock, and a version that
-- every change of what diners see bumps (the public menu is cached under it). Nothing a past order may name is ever
-- deleted: categories, dishes, option groups and choices are marked deleted_at instead.
-- Every table carries tenant_id and is under row-level security like V2's (current_tenant_id(), see V1).

CREATE TABLE menu_categories (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid        NOT NULL,
    store_id   uuid        NOT NULL,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
    sort_order integer     NOT NULL DEFAULT 0 CHECK (sort_order >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    -- Lets a dish name its category together with its store and tenant, so it can never sit in another store's.
    UNIQUE (id, store_id, tenant_id),
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX menu_categories_live_name ON menu_categories (store_id, name) WHERE deleted_at IS NULL;
CREATE INDEX menu_categories_by_store ON menu_categories (store_id, sort_order) WHERE deleted_at IS NULL;

CREATE TABLE dishes (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id         uuid        NOT NULL,
    store_id          uuid        NOT NULL,
    category_id       uuid        NOT NULL,
    name              text        NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    description       text        NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    image_url         text        CHECK (length(image_url) BETWEEN 1 AND 500),
    price_fen         bigint      NOT NULL CHECK (price_fen >= 0),
    member_price_fen  bigint      CHECK (member_price_fen >= 0 AND member_price_fen <= price_fen),
    -- Such as 招牌, 辣, 新品.
    tags              text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 6),
    sort_order        integer     NOT NULL DEFAULT 0 CHECK (sort_order >= 0),
    -- When the dish is served, as stores.business_hours: [{"days":[1,2,3,4,5],"open":"11:00","close":"14:00"}, ...];
    -- empty means whenever the store is open.
    available_windows jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(available_windows) = 'array'),
    sold_out          boolean     NOT NULL DEFAULT false,
    -- Portions a business day starts with; NULL is unlimited.
    daily_stock       integer     CHECK (daily_stock >= 0),
    -- What is left on stock_date (NULL: unlimited that day). On any other day the dish starts again from daily_stock,
    -- so a new day needs no job: the first take of the day resets it (see DishStock).
    stock_left        integer     CHECK (stock_left >= 0),
    stock_date        date,
    -- Hidden dishes (active = false) stay on the owner's list; deleted ones only in order history.
    active            boolean     NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at        timestamptz,
    CHECK (stock_left IS NULL OR stock_date IS NOT NULL),
    UNIQUE (id, tenant_id),
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id) ON DELETE CASCADE,
    FOREIGN KEY (category_id, store_id, tenant_id) REFERENCES menu_categories (id, store_id, tenant_id)
        ON DELETE CASCADE
);
CREATE INDEX dishes_by_store ON dishes (store_id, category_id, sort_order) WHERE deleted_at IS NULL;

CREATE TABLE dish_option_groups (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid        NOT NULL,
    dish_id     uuid        NOT NULL,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
    required    boolean     NOT NULL DEFAULT false,
    min_choices integer     NOT NULL DEFAULT 0 CHECK (min_choices >= 0),
    max_choices integer     NOT NULL DEFAULT 1 CHECK (max_choices >= 1),
    sort_order  integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    CHECK (min_choices <= max_choices),
    UNIQUE (id, tenant_id),
    FOREIGN KEY (dish_id, tenant_id) REFERENCES dishes (id, tenant_id) ON DELETE CASCADE
);
CREATE INDEX dish_option_groups_by_dish ON dish_option_groups (dish_id, sort_order) WHERE deleted_at IS NULL;

CREATE TABLE dish_option_choices (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       uuid        NOT NULL,
    group_id        uuid        NOT NULL,
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
    -- What the choice adds to the dish's price (negative for a smaller portion).
    price_delta_fen bigint      NOT NULL DEFAULT 0 CHECK (price_delta_fen BETWEEN -100000000 AND 100000000),
    sort_order      integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    UNIQUE (id, tenant_id),
    FOREIGN KEY (group_id, tenant_id) REFERENCES dish_option_groups (id, tenant_id) ON DELETE CASCADE
);
CREATE INDEX dish_option_choices_by_group ON dish_option_choices (group_id, sort_order) WHERE deleted_at IS NULL;

-- One row per store that has a menu; a store without one is at version 0.
CREATE TABLE menu_versions (
    store_id   uuid PRIMARY KEY,
    tenant_id  uuid        NOT NULL,
    version    bigint      NOT NULL CHECK (version >= 0),
    changed_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (store_id, tenant_id) REFERENCES stores (id, tenant_id) ON DELETE CASCADE
);

ALTER TABLE menu_categories ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON menu_categories
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE dishes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dishes
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE dish_option_groups ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dish_option_groups
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE dish_option_choices ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dish_option_choices
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE menu_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON menu_versions
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- A dish that runs out (or gets portions back) changes what diners see, but the order that took the last portion
-- is no menu edit and runs in the ordering feature's transaction. The version is bumped at commit (deferred): by
-- then that transaction holds every dish row it will lock, so two orders emptying two dishes of one store never
-- wait for each other in a cycle over the store's version row. Menu edits bump the version themselves.
CREATE FUNCTION bump_menu_version_on_stock_change() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO menu_versions (store_id, tenant_id, version) VALUES (NEW.store_id, NEW.tenant_id, 1)
    ON CONFLICT (store_id) DO UPDATE SET version = menu_versions.version + 1, changed_at = now();
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER menu_version_on_stock_change
    AFTER UPDATE OF stock_left, stock_date ON dishes
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN ((NEW.stock_left = 0 AND (OLD.stock_left IS DISTINCT FROM 0 OR OLD.stock_date IS DISTINCT FROM NEW.stock_date))
          OR (OLD.stock_left = 0 AND NEW.stock_left IS DISTINCT FROM 0))
    EXECUTE FUNCTION bump_menu_version_on_stock_change();

-- A store's menu version, asked before a diner's request knows the store's tenant: it is all a cached menu needs
-- from PostgreSQL. NULL when there is no such store; 0 before the menu's first change.
CREATE FUNCTION menu_version_of_store(p_store uuid) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT coalesce(v.version, 0) FROM stores s LEFT JOIN menu_versions v ON v.store_id = s.id WHERE s.id = p_store
$$;
