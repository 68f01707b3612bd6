package app.tableloop.tenancy;

import app.tableloop.platform.database.Database;
import app.tableloop.wechat.WeChatGateway;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * WeChat mini-program codes for tables, drawn by WeChat once and kept: WeChat limits how many codes an app may draw,
 * and a table's code only changes with its scene or page. The WeChat call happens outside any transaction.
 */
public final class TableCodeImages {
  public static final String MENU_PAGE = "pages/table/menu/index";
  static final int WIDTH = 430;

  private final Database database;
  private final WeChatGateway wechat;

  public TableCodeImages(Database database, WeChatGateway wechat) {
    this.database = database;
    this.wechat = wechat;
  }

  public Future<byte[]> of(UUID tenantId, Store store, DiningTable table) {
    String scene = new TableScene(store.code(), table.code()).scene();
    return database.inTenant(tenantId, sql -> sql.preparedQuery("""
                SELECT png FROM table_code_images
                 WHERE tenant_id = $1 AND table_id = $2 AND scene = $3 AND page = $4
                """)
            .execute(Tuple.of(tenantId, table.id(), scene, MENU_PAGE)))
        .compose(rows -> rows.size() == 1
            ? Future.succeededFuture(rows.iterator().next().getBuffer("png").getBytes())
            : wechat.unlimitedCode(scene, MENU_PAGE, WIDTH).compose(png -> keep(tenantId, table.id(), scene, png)));
  }

  private Future<byte[]> keep(UUID tenantId, UUID tableId, String scene, byte[] png) {
    return database.inTenant(tenantId, sql -> sql.preparedQuery("""
                INSERT INTO table_code_images (table_id, tenant_id, scene, page, png)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (table_id) DO UPDATE
                   SET scene = excluded.scene, page = excluded.page, png = excluded.png, created_at = now()
                """)
            .execute(Tuple.of(tableId, tenantId, scene, MENU_PAGE, Buffer.buffer(png))))
        .map(png);
  }
}
