package app.tableloop.wechat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merchant's side of notifications in a test: a local HTTP server with one inbox per path. Each inbox answers as
 * scripted (200 once the script runs out) and hands over what arrived, in order, as futures.
 */
final class MerchantNotifyUrl {
  private final HttpServer server;
  private final Map<String, Inbox> inboxes;

  private MerchantNotifyUrl(HttpServer server, Map<String, Inbox> inboxes) {
    this.server = server;
    this.inboxes = inboxes;
  }

  static Future<MerchantNotifyUrl> start(Vertx vertx) {
    Map<String, Inbox> inboxes = new ConcurrentHashMap<>();
    return vertx.createHttpServer()
        .requestHandler(request -> route(inboxes, request))
        .listen(0, "127.0.0.1")
        .map(server -> new MerchantNotifyUrl(server, inboxes));
  }

  private static void route(Map<String, Inbox> inboxes, HttpServerRequest request) {
    request.body().onSuccess(body -> {
      Inbox inbox = inboxes.get(request.path());
      int status = inbox == null ? 404 : inbox.receive(body.toString(), request.headers());
      request.response().setStatusCode(status).end();
    });
  }

  /** A fresh notify_url; its inbox answers {@code scriptedStatuses} first, then 200. */
  Inbox inbox(String name, int... scriptedStatuses) {
    Inbox inbox = new Inbox("http://127.0.0.1:" + server.actualPort() + "/notify/" + name, scriptedStatuses);
    inboxes.put("/notify/" + name, inbox);
    return inbox;
  }

  Future<Void> close() {
    return server.close();
  }

  /** One request as the merchant received it, and what the merchant answered. */
  record Received(String body, MultiMap headers, int answered) {
  }

  static final class Inbox {
    private final String url;
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<Promise<Received>> arrivals = new ArrayList<>();
    private int count;

    private Inbox(String url, int... statuses) {
      this.url = url;
      for (int status : statuses) {
        script.add(status);
      }
    }

    String url() {
      return url;
    }

    /** The {@code index}-th request (0 first) to arrive here. */
    synchronized Future<Received> received(int index) {
      return slot(index).future();
    }

    synchronized int count() {
      return count;
    }

    private synchronized int receive(String body, MultiMap headers) {
      int status = script.isEmpty() ? 200 : script.poll();
      slot(count++).complete(new Received(body, MultiMap.caseInsensitiveMultiMap().addAll(headers), status));
      return status;
    }

    private Promise<Received> slot(int index) {
      while (arrivals.size() <= index) {
        arrivals.add(Promise.promise());
      }
      return arrivals.get(index);
    }
  }
}
