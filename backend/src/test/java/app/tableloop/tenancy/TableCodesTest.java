package app.tableloop.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.QrScanner;
import app.tableloop.testing.RunningService;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The codes an owner prints: each decodes to its own table, and WeChat draws each table's code only once. */
class TableCodesTest {
  static RunningService service;
  static TenantBootstrap.Bootstrapped restaurant;
  static String owner;

  @BeforeAll
  static void setUp() {
    service = RunningService.start(TableCodesTest.class);
    restaurant = service.aRestaurant("二维码面馆", "A1-A12");
    owner = service.signInAndAccept("owner", restaurant.ownerInvite().token());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aTablesWeChatCodeCarriesItsSceneAndIsDrawnOnce() {
    String path = tablePath(restaurant.tables().get(4)) + "/wechat-code.png";

    HttpResponse<Buffer> first = service.get(path, owner);
    HttpResponse<Buffer> second = service.get(path, owner);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(QrScanner.decode(first.body().getBytes())).isEqualTo("s=" + restaurant.store().code() + "&t=A5");
    assertThat(second.body().getBytes()).isEqualTo(first.body().getBytes());
    service.env().asOwner(sql -> {
      var rows = sql.executeQuery("SELECT count(*) FROM table_code_images");
      rows.next();
      assertThat(rows.getInt(1)).isGreaterThanOrEqualTo(1);
    });
  }

  @Test
  void aTablesOrdinaryQrCodeCarriesItsLink() {
    HttpResponse<Buffer> response = service.get(tablePath(restaurant.tables().get(0)) + "/link-code.png", owner);

    assertThat(QrScanner.decode(response.body().getBytes()))
        .isEqualTo("http://localhost:8080/t/" + restaurant.store().code() + "/A1");
  }

  @Test
  void aTableLinkOpenedOutsideWeChatAsksToScanWithWeChat() {
    HttpResponse<Buffer> page = service.get("/t/" + restaurant.store().code() + "/A1", null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.bodyAsString()).contains("微信");
    assertThat(service.get("/t/NOT-A-STORE/A1", null).statusCode()).isEqualTo(400);
  }

  @Test
  void thePrintableSheetHasEveryTablesCodeOnce() {
    HttpResponse<Buffer> response = service.get(storePath() + "/table-codes.pdf", owner);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/pdf");
    List<String> scenes = QrScanner.decodeAll(response.body().getBytes());
    assertThat(scenes).containsExactlyInAnyOrderElementsOf(restaurant.tables().stream()
        .map(table -> "s=" + restaurant.store().code() + "&t=" + table.code()).toList());
  }

  @Test
  void theLinkSheetHasEveryTablesLinkOnce() {
    List<String> links = QrScanner.decodeAll(service.get(storePath() + "/table-codes.pdf?kind=link", owner)
        .body().getBytes());

    assertThat(links).hasSize(12).allMatch(link -> link.startsWith("http://localhost:8080/t/"));
    assertThat(service.get(storePath() + "/table-codes.pdf?kind=poster", owner).statusCode()).isEqualTo(400);
  }

  private static String storePath() {
    return "/api/v1/stores/" + restaurant.store().id();
  }

  private static String tablePath(DiningTable table) {
    return storePath() + "/tables/" + table.id();
  }
}
