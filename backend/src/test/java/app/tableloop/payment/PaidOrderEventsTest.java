package app.tableloop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.Application;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.outbox.EventHandler;
import app.tableloop.platform.outbox.OutboxEvent;
import app.tableloop.platform.outbox.OutboxRelay;
import app.tableloop.platform.outbox.RelaySettings;
import app.tableloop.platform.runtime.FeatureModule;
import app.tableloop.platform.runtime.Features;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.testing.ARestaurant;
import app.tableloop.testing.Await;
import app.tableloop.testing.RunningService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paid orders' events reach a feature's handler through the outbox exactly once, while the service's own relay and a
 * second instance's relay work the same outbox side by side: what membership, referrals and campaign attribution
 * will build on.
 */
class PaidOrderEventsTest {
  /** Handled order.paid events, by order id: how often each reached the handler. */
  static final Map<String, AtomicInteger> HANDLED = new ConcurrentHashMap<>();
  static final EventHandler POINTS = new EventHandler() {
    @Override
    public String name() {
      return "test-points";
    }

    @Override
    public Set<String> topics() {
      return Set.of("order.paid");
    }

    @Override
    public Future<Void> handle(SqlClient sql, OutboxEvent event) {
      HANDLED.computeIfAbsent(event.payload().getString("order_id"), id -> new AtomicInteger()).incrementAndGet();
      return Future.succeededFuture();
    }
  };

  static RunningService service;
  static ARestaurant restaurant;

  @BeforeAll
  static void setUp() {
    Application.Modules withPoints = (platform, wechat, contract) -> {
      Features.Api product = Application.FEATURES.create(platform, wechat, contract);
      List<FeatureModule> modules = new ArrayList<>(product.modules());
      modules.add(new FeatureModule() {
        @Override
        public List<ApiModule> apis() {
          return List.of();
        }

        @Override
        public List<EventHandler> eventHandlers() {
          return List.of(POINTS);
        }
      });
      return new Features.Api(product.guard(), modules);
    };
    service = RunningService.startReachable(PaidOrderEventsTest.class, withPoints);
    restaurant = ARestaurant.payFirst(service, "积分面馆", "A1-A12", 2600);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void eachPaidOrderReachesTheHandlerOnceWithTwoRelaysRunning() {
    Vertx vertx = VertxFactory.create().vertx();
    Database second = Database.connect(vertx, service.env().appUrl(), 2, "second-instance");
    OutboxRelay secondInstance = new OutboxRelay(second, List.of(POINTS), RelaySettings.DEFAULTS,
        Clock.systemUTC(), new SimpleMeterRegistry());
    AtomicBoolean running = new AtomicBoolean(true);
    relayUntilStopped(vertx, secondInstance, running);
    try {
      List<String> paid = new ArrayList<>();
      for (int table = 1; table <= 8; table++) {
        ARestaurant.Ordered ordered = restaurant.anOrderAwaitingPayment("points-diner-" + table, "A" + table, 1);
        String outTradeNo = restaurant.requestWeChatPayment(ordered).getJsonObject("payment")
            .getString("out_trade_no");
        service.simulator().pay().repeatNextNotification(2);
        service.simulator().pay().pay(outTradeNo);
        paid.add(ordered.order());
      }

      service.eventually(() -> paid.stream().filter(HANDLED::containsKey).count(), all -> all == paid.size());
      service.eventually(() -> service.env().count("SELECT count(*) FROM outbox WHERE processed_at IS NULL"),
          none -> none == 0);
      assertThat(paid).allSatisfy(order -> assertThat(HANDLED.get(order).get()).as(order).isEqualTo(1));
      assertThat(service.env().count("SELECT count(*) FROM outbox_handled WHERE handler = 'test-points'"))
          .isEqualTo(paid.size());
    } finally {
      running.set(false);
      Await.result(second.close());
      Await.result(vertx.close());
    }
  }

  /** The second instance's relay, passing as often as it can until told to stop. */
  private static void relayUntilStopped(Vertx vertx, OutboxRelay relay, AtomicBoolean running) {
    vertx.setPeriodic(Duration.ofMillis(50).toMillis(), timer -> {
      if (!running.get()) {
        vertx.cancelTimer(timer);
        return;
      }
      relay.pass();
    });
  }
}
