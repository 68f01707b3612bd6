-- Member levels a tenant defines (none defined: the built-in 普通/银卡/金卡 apply) and the benefits each gives.
-- A member's level is kept on the member as the rank reached, recomputed whenever one of their payments or refunds
-- is counted, from their spend over the last 12 months.
CREATE TABLE loyalty_levels (
    tenant_id         uuid         NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    rank              integer      NOT NULL CHECK (rank BETWEEN 0 AND 9),
    name              text         NOT NULL CHECK (length(name) BETWEEN 1 AND 12),
    -- Spend over the last 12 months that reaches the level; the lowest level is reached by joining.
    min_spend_fen     bigint       NOT NULL CHECK (min_spend_fen >= 0),
    member_prices     boolean      NOT NULL DEFAULT true,
    discount_percent  integer      NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 50),
    points_multiplier numeric(3, 1) NOT NULL DEFAULT 1.0 CHECK (points_multiplier BETWEEN 1.0 AND 10.0),
    PRIMARY KEY (tenant_id, rank),
    CHECK ((rank = 0) = (min_spend_fen = 0))
);

ALTER TABLE members ADD COLUMN level_rank integer NOT NULL DEFAULT 0 CHECK (level_rank BETWEEN 0 AND 9);

ALTER TABLE loyalty_levels ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loyalty_levels
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
