package app.tableloop.membership;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/** Every feature's {@link PersonalData} about one member, read or erased in the caller's tenant transaction. */
final class PersonalDataSections {
  private final List<PersonalData> sources;

  PersonalDataSections(List<PersonalData> sources) {
    this.sources = List.copyOf(sources);
  }

  /** Each section's rows about the member, by section name. */
  Future<JsonObject> of(SqlClient sql, UUID tenantId, UUID memberId) {
    Future<JsonObject> chain = Future.succeededFuture(new JsonObject());
    for (PersonalData source : sources) {
      chain = chain.compose(sections -> sql.preparedQuery("SELECT coalesce(jsonb_agg(to_jsonb(x) - 'member_id'),"
              + " '[]') AS rows FROM (" + source.rows() + ") x WHERE x.member_id = $2")
          .execute(Tuple.of(tenantId, memberId))
          .map(rows -> sections.put(source.section(), (JsonArray) rows.iterator().next().getValue("rows"))));
    }
    return chain;
  }

  /** The tenant's rows of every section as (section, member_id, data as JSON text), section by section. */
  String allRows() {
    if (sources.isEmpty()) {
      return "SELECT NULL::text AS section, NULL::uuid AS member_id, NULL::text AS data WHERE false";
    }
    return String.join("\nUNION ALL\n", sources.stream().map(source -> "(SELECT '" + source.section()
        + "' AS section, x.member_id, (to_jsonb(x) - 'member_id')::text AS data FROM (" + source.rows() + ") x)")
        .toList());
  }

  Future<Void> erase(SqlClient sql, UUID tenantId, UUID memberId, UUID userId) {
    Future<Void> chain = Future.succeededFuture();
    for (PersonalData source : sources) {
      chain = chain.compose(done -> source.erase(sql, tenantId, memberId, userId));
    }
    return chain;
  }
}
