package app.tableloop.loyalty.coupon;

import app.tableloop.platform.database.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Coupon templates, each read as one JSON object so that every reader maps one shape. */
public final class CouponTemplates {
  /** A template's terms as JSON fields, {@code t} being its row: coupons show the same. */
  static final String TERMS_FIELDS = """
      'name', t.name, 'kind', t.kind, 'threshold_fen', t.threshold_fen, 'amount_off_fen', t.amount_off_fen,
      'percent_off', t.percent_off, 'cap_fen', t.cap_fen, 'free_dish_id', t.free_dish_id,
      'first_visit_only', t.first_visit_only, 'scope_kind', t.scope_kind, 'scope_ids', t.scope_ids,
      'stackable', t.stackable, 'valid_hours', t.valid_hours, 'store_ids', t.store_ids""";
  private static final String TEMPLATE_JSON = "json_build_object('id', t.id, " + TERMS_FIELDS + """
      , 'starts_at', t.starts_at, 'ends_at', t.ends_at, 'valid_days', t.valid_days, 'total_stock', t.total_stock,
      'issued_count', t.issued_count, 'per_member_limit', t.per_member_limit, 'claim_code', t.claim_code,
      'points_price', t.points_price, 'active', t.active, 'created_at', t.created_at,
      'redeemed_count', (SELECT count(*) FROM coupons r
                          WHERE r.tenant_id = t.tenant_id AND r.template_id = t.id AND r.used_at IS NOT NULL))
      AS template""";

  /** Writes a new template, as {@link TemplateRules} passed it; answers it as a read would. */
  public Future<CouponTemplate> insert(SqlClient sql, UUID tenantId, CouponTemplate template, UUID createdBy) {
    CouponTerms terms = template.terms();
    CouponTemplate.Validity validity = template.validity();
    return sql.preparedQuery("""
            INSERT INTO coupon_templates AS t (id, tenant_id, name, kind, threshold_fen, amount_off_fen, percent_off,
                cap_fen, free_dish_id, first_visit_only, scope_kind, scope_ids, validity_kind, starts_at, ends_at,
                valid_days, total_stock, per_member_limit, stackable, claim_code, points_price, active, created_by,
                valid_hours, store_ids)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
                    $22, $23, $24, $25)
            RETURNING\s""" + TEMPLATE_JSON)
        .execute(Tuple.from(Arrays.asList(template.id(), tenantId, template.name().strip(),
            terms.kind().wireName(), terms.thresholdFen(), terms.amountOffFen(), terms.percentOff(), terms.capFen(),
            terms.freeDishId(), terms.firstVisitOnly(), terms.scope().wireName(),
            terms.scopeIds().toArray(UUID[]::new), validity.fixed() ? "fixed" : "days", utc(validity.startsAt()),
            utc(validity.endsAt()), validity.days(), template.totalStock(), template.perMemberLimit(),
            terms.stackable(), template.claimCode(), template.pointsPrice(), template.active(), createdBy,
            terms.validHours().stream().map(Integer::shortValue).toArray(Short[]::new),
            terms.storeIds() == null ? null : terms.storeIds().toArray(UUID[]::new))))
        .map(rows -> template(rows.iterator().next().getJsonObject("template")));
  }

  Future<List<CouponTemplate>> list(SqlClient sql, UUID tenantId) {
    return sql.preparedQuery("SELECT " + TEMPLATE_JSON + " FROM coupon_templates t WHERE t.tenant_id = $1"
            + " ORDER BY t.created_at DESC, t.id LIMIT 500")
        .execute(Tuple.of(tenantId))
        .map(rows -> rows.stream().map(row -> template(row.getJsonObject("template"))).toList());
  }

  /**
   * The templates members may buy with points now: active, priced in points and not ended (those out of stock too,
   * so members see what is gone); cheapest first.
   */
  public Future<List<CouponTemplate>> forPoints(SqlClient sql, UUID tenantId, Instant now) {
    return sql.preparedQuery("SELECT " + TEMPLATE_JSON + " FROM coupon_templates t WHERE t.tenant_id = $1"
            + " AND t.active AND t.points_price IS NOT NULL AND (t.validity_kind = 'days' OR t.ends_at > $2)"
            + " ORDER BY t.points_price, t.created_at, t.id LIMIT 200")
        .execute(Tuple.of(tenantId, utc(now)))
        .map(rows -> rows.stream().map(row -> template(row.getJsonObject("template"))).toList());
  }

  Future<Optional<CouponTemplate>> find(SqlClient sql, UUID tenantId, UUID templateId) {
    return sql.preparedQuery("SELECT " + TEMPLATE_JSON + " FROM coupon_templates t WHERE t.tenant_id = $1"
            + " AND t.id = $2")
        .execute(Tuple.of(tenantId, templateId))
        .map(rows -> Rows.first(rows, row -> template(row.getJsonObject("template"))));
  }

  /** The template, its row locked until the transaction ends: what a change of it reads first. */
  Future<Optional<CouponTemplate>> lock(SqlClient sql, UUID tenantId, UUID templateId) {
    return sql.preparedQuery("SELECT " + TEMPLATE_JSON + " FROM coupon_templates t WHERE t.tenant_id = $1"
            + " AND t.id = $2 FOR UPDATE")
        .execute(Tuple.of(tenantId, templateId))
        .map(rows -> Rows.first(rows, row -> template(row.getJsonObject("template"))));
  }

  Future<Optional<CouponTemplate>> byClaimCode(SqlClient sql, UUID tenantId, String code) {
    return sql.preparedQuery("SELECT " + TEMPLATE_JSON + " FROM coupon_templates t WHERE t.tenant_id = $1"
            + " AND t.claim_code = $2")
        .execute(Tuple.of(tenantId, code))
        .map(rows -> Rows.first(rows, row -> template(row.getJsonObject("template"))));
  }

  /** Writes what a change may change of a template (locked by {@link #lock}); answers it as a read would. */
  Future<CouponTemplate> update(SqlClient sql, UUID tenantId, CouponTemplate changed) {
    return sql.preparedQuery("""
            UPDATE coupon_templates AS t
               SET name = $3, active = $4, total_stock = $5, claim_code = $6, points_price = $7
             WHERE t.tenant_id = $1 AND t.id = $2
            RETURNING\s""" + TEMPLATE_JSON)
        .execute(Tuple.from(Arrays.asList(tenantId, changed.id(), changed.name().strip(), changed.active(),
            changed.totalStock(), changed.claimCode(), changed.pointsPrice())))
        .map(rows -> template(rows.iterator().next().getJsonObject("template")));
  }

  /** Why the terms cannot stand when a category or dish they name is on none of the tenant's menus. */
  Future<Optional<CouponRefusal>> unknownDishes(SqlClient sql, UUID tenantId, CouponTerms terms) {
    UUID[] categories = terms.scope() == CouponTerms.Scope.CATEGORIES ? terms.scopeIds().toArray(UUID[]::new)
        : new UUID[0];
    UUID[] dishes = terms.scope() == CouponTerms.Scope.DISHES ? terms.scopeIds().toArray(UUID[]::new) : new UUID[0];
    return sql.preparedQuery("""
            SELECT (SELECT count(*) FROM menu_categories WHERE tenant_id = $1 AND id = ANY($2)) = cardinality($2)
                       AS categories_known,
                   (SELECT count(*) FROM dishes WHERE tenant_id = $1 AND id = ANY($3)) = cardinality($3)
                       AS dishes_known,
                   $4::uuid IS NULL OR EXISTS (SELECT 1 FROM dishes WHERE tenant_id = $1 AND id = $4) AS free_known
            """)
        .execute(Tuple.of(tenantId, categories, dishes, terms.freeDishId()))
        .map(rows -> {
          Row row = rows.iterator().next();
          if (!row.getBoolean("free_known")) {
            return Optional.of(CouponRefusal.FREE_DISH_UNKNOWN);
          }
          return row.getBoolean("categories_known") && row.getBoolean("dishes_known") ? Optional.empty()
              : Optional.of(CouponRefusal.SCOPE_IDS_UNKNOWN);
        });
  }

  static CouponTemplate template(JsonObject json) {
    Integer days = json.getInteger("valid_days");
    return new CouponTemplate(UUID.fromString(json.getString("id")), json.getString("name"), terms(json),
        new CouponTemplate.Validity(time(json, "starts_at"), time(json, "ends_at"), days),
        json.getInteger("total_stock"), json.getInteger("issued_count"), json.getInteger("redeemed_count"),
        json.getInteger("per_member_limit"), json.getString("claim_code"), json.getInteger("points_price"),
        json.getBoolean("active"), time(json, "created_at"));
  }

  /** The terms of the fields {@link #TERMS_FIELDS} wrote. */
  static CouponTerms terms(JsonObject json) {
    String freeDish = json.getString("free_dish_id");
    return new CouponTerms(CouponTerms.Kind.fromWireName(json.getString("kind")), json.getLong("threshold_fen"),
        json.getLong("amount_off_fen"), json.getInteger("percent_off"), json.getLong("cap_fen"),
        freeDish == null ? null : UUID.fromString(freeDish), json.getBoolean("first_visit_only"),
        CouponTerms.Scope.fromWireName(json.getString("scope_kind")),
        json.getJsonArray("scope_ids", new JsonArray()).stream().map(id -> UUID.fromString(String.valueOf(id)))
            .toList(),
        json.getBoolean("stackable"),
        json.getJsonArray("valid_hours", new JsonArray()).stream().map(hour -> ((Number) hour).intValue()).toList(),
        json.getJsonArray("store_ids") == null ? null
            : json.getJsonArray("store_ids").stream().map(id -> UUID.fromString(String.valueOf(id))).toList());
  }

  static Instant time(JsonObject json, String key) {
    String value = json.getString(key);
    return value == null ? null : OffsetDateTime.parse(value).toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
