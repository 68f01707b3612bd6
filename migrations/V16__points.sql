-- Members' points: the tenant's earn rule, an append-only ledger of every movement (earned on a paid payment, spent,
-- clawed back on a refund, expired), and the lots the points were earned in, each with its expiry. A member's balance
-- is the sum of their ledger; each lot's remaining points are the sum of the ledger's lines on it, kept on the lot in
-- the same transaction as those lines so that spending can take the oldest-expiring lots first under a lock.

CREATE TABLE points_earn_rules (
    tenant_id       uuid    PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    points_per_yuan integer NOT NULL CHECK (points_per_yuan BETWEEN 1 AND 100),
    -- Null: a lot lasts until the end of the year after the one it was earned in (the paying store's time zone).
    expiry_days     integer CHECK (expiry_days BETWEEN 1 AND 3650)
);

CREATE TABLE points_ledger (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- The order entries were written in: the member's history reads newest first by it.
    seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    tenant_id   uuid        NOT NULL,
    member_id   uuid        NOT NULL REFERENCES members (id),
    kind        text        NOT NULL CHECK (kind IN ('earn', 'spend', 'clawback', 'expire')),
    points      bigint      NOT NULL,
    -- A clawback's points that were already spent and that the balance could not give back (it never goes negative).
    shortfall   bigint      NOT NULL DEFAULT 0 CHECK (shortfall >= 0),
    reason      text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 80),
    -- The payment an earn or a clawback is about, and the refund that caused a clawback.
    payment_id  uuid REFERENCES payments (id),
    refund_id   uuid REFERENCES refunds (id),
    occurred_at timestamptz NOT NULL,
    CHECK ((kind = 'earn' AND points > 0) OR (kind = 'clawback' AND points <= 0)
           OR (kind IN ('spend', 'expire') AND points < 0)),
    CHECK (kind = 'clawback' OR shortfall = 0),
    CHECK ((kind IN ('earn', 'clawback')) = (payment_id IS NOT NULL)),
    CHECK (kind = 'clawback' OR refund_id IS NULL)
);
CREATE UNIQUE INDEX points_earned_once ON points_ledger (payment_id) WHERE kind = 'earn';
CREATE INDEX points_ledger_by_member ON points_ledger (member_id, seq);
CREATE INDEX points_ledger_by_payment ON points_ledger (payment_id) WHERE payment_id IS NOT NULL;

-- One lot per earn (its id is the earn's), with what is left of it.
CREATE TABLE points_lots (
    id         uuid PRIMARY KEY REFERENCES points_ledger (id),
    tenant_id  uuid        NOT NULL,
    member_id  uuid        NOT NULL REFERENCES members (id),
    points     bigint      NOT NULL CHECK (points > 0),
    remaining  bigint      NOT NULL CHECK (remaining BETWEEN 0 AND points),
    earned_at  timestamptz NOT NULL,
    -- The first instant the lot is no longer valid.
    expires_at timestamptz NOT NULL
);
CREATE INDEX points_lots_open ON points_lots (member_id, expires_at, id) WHERE remaining > 0;
CREATE INDEX points_lots_due ON points_lots (tenant_id, expires_at) WHERE remaining > 0;

-- How each ledger entry moved points on lots: an earn adds its lot's points, the others take from one or more lots.
CREATE TABLE points_lot_lines (
    entry_id  uuid   NOT NULL REFERENCES points_ledger (id),
    lot_id    uuid   NOT NULL REFERENCES points_lots (id),
    tenant_id uuid   NOT NULL,
    points    bigint NOT NULL CHECK (points <> 0),
    PRIMARY KEY (entry_id, lot_id)
);
CREATE INDEX points_lot_lines_by_lot ON points_lot_lines (lot_id);

CREATE TRIGGER points_ledger_append_only BEFORE UPDATE OR DELETE ON points_ledger
    FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
CREATE TRIGGER points_lot_lines_append_only BEFORE UPDATE OR DELETE ON points_lot_lines
    FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();

ALTER TABLE points_earn_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON points_earn_rules
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE points_ledger ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON points_ledger
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE points_lots ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON points_lots
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE points_lot_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON points_lot_lines
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
