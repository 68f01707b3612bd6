package app.tableloop.platform.database;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.Optional;
import java.util.function.Function;

/** Small readers for query results. */
public final class Rows {
  private Rows() {
  }

  /** The first row, mapped; empty when the query found nothing. */
  public static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> mapper) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(mapper.apply(rows.iterator().next()));
  }
}
