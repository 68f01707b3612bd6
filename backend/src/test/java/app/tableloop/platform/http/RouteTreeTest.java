package app.tableloop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The route tree must route the product's contract exactly as the library's own router of it does: every operation at
 * its path, with its path parameters, and the same 404 or 405 for everything else.
 */
class RouteTreeTest {
  private static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
      HttpMethod.PATCH, HttpMethod.DELETE);

  static Vertx vertx;
  static OpenAPIContract contract;
  static WebClient client;
  static int library;
  static int tree;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    contract = Await.result(OpenAPIContract.from(vertx, "openapi.yaml"));
    // Each reads the body first, as the service's does: a request answered unread would hold up its connection.
    RouterBuilder api = RouterBuilder.create(vertx, contract).rootHandler(BodyHandler.create());
    api.getRoutes().forEach(route -> route.setDoValidation(false).addHandler(rc -> rc.end(
        route.getOperation().getOperationId() + " " + new TreeMap<>(rc.pathParams()))));
    Router ours = Router.router(vertx);
    ours.route().handler(BodyHandler.create());
    RouteTree.mount(vertx, ours, contract, api);
    library = listen(api.createRouter());
    tree = listen(ours);
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  @Test
  void everyOperationAndEveryOtherMethodOnItsPathIsRoutedAsTheLibraryRoutesIt() {
    List<String> paths = contract.operations().stream().map(RouteTreeTest::concrete).distinct().toList();
    assertThat(paths).hasSizeGreaterThan(50);
    Set<String> reached = new TreeSet<>();
    for (String path : paths) {
      for (HttpMethod method : METHODS) {
        String ours = answer(tree, method, path);
        assertThat(ours).as(method + " " + path).isEqualTo(answer(library, method, path));
        if (ours.startsWith("200 ")) {
          reached.add(ours.split(" ")[1]);
        }
      }
    }
    assertThat(reached).as("every operation reached").isEqualTo(contract.operations().stream()
        .map(Operation::getOperationId).collect(Collectors.toCollection(TreeSet::new)));
  }

  @Test
  void pathsNotInTheContractAreNotFoundOrNotAllowedAsWithTheLibrary() {
    List<String> paths = new ArrayList<>(List.of("/", "/nothing", "/api/v1", "/api/v1/stores", "/api/v1/stores/s1/",
        "/api/v1/stores/s1/menu/", "/api/v1/stores/s1/menus", "/api/v1/stores/s1/menu/dishes/d1/nothing",
        "/api/v1/stores/s1/tabs/t1/orders/o1", "/api/v1/stores//menu", "/api/v1/stores/s1/nothing/more",
        "/api/v1/mee", "/health/live/", "/api/v1/stores/s1/tabs/t1/cart/l1/x",
        // What a hostile client sends: encoded slashes, dot segments, a NUL, non-ASCII and a very long segment.
        "/api/v1/stores/s1%2Fmenu", "/api/v1/stores/s1/menu%2F", "/api/v1/stores/../stores/s1/menu",
        "/api/v1/stores/s1/./menu", "/api/v1/stores/s%001/menu", "/api/v1/stores/%E5%BA%97/menu",
        "/api/v1/stores/" + "s".repeat(4000) + "/menu"));
    for (String path : paths) {
      for (HttpMethod method : METHODS) {
        assertThat(answer(tree, method, path)).as(method + " " + path).isEqualTo(answer(library, method, path));
      }
    }
  }

  /** The operation's path with each parameter filled in with its own name. */
  private static String concrete(Operation operation) {
    return operation.getOpenAPIPath().replaceAll("\\{([^}]+)}", "v-$1");
  }

  private static String answer(int port, HttpMethod method, String path) {
    HttpResponse<Buffer> response = Await.result(client.request(method, port, "127.0.0.1", path).send());
    return response.statusCode() + " " + response.bodyAsString();
  }

  private static int listen(Router router) {
    HttpServer server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    return server.actualPort();
  }
}
