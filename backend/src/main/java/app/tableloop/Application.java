package app.tableloop;

import app.tableloop.platform.config.Config;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.OperationsApi;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.runtime.Features;
import app.tableloop.platform.runtime.HttpSettings;
import app.tableloop.platform.runtime.Infrastructure;
import app.tableloop.platform.runtime.ServiceVerticle;
import app.tableloop.platform.runtime.VertxFactory;
import app.tableloop.wechat.WeChatConnection;
import app.tableloop.wechat.WeChatGateway;
import app.tableloop.wechat.WeChatSettings;
import app.tableloop.wechat.simulator.SimulatorSettings;
import app.tableloop.wechat.simulator.WeChatSimulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: which features the service mounts, and the running service's life from start to a graceful
 * stop (stop accepting, drain, close the pools, stop the embedded servers).
 */
public final class Application implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  /** What the product mounts: every feature's API module, given the platform and the WeChat gateway. */
  @FunctionalInterface
  public interface Modules {
    List<ApiModule> create(Platform platform, WeChatGateway wechat, Buffer contractDocument);
  }

  /** Every feature of the product, in the order their routes are mounted. */
  public static final Modules FEATURES = (platform, wechat, contractDocument) ->
      List.of(new OperationsApi(platform, contractDocument));

  private final Infrastructure infrastructure;
  private final Vertx vertx;
  private final ServiceVerticle service;
  private final Duration shutdownGrace;

  private Application(Infrastructure infrastructure, Vertx vertx, ServiceVerticle service, Duration shutdownGrace) {
    this.infrastructure = infrastructure;
    this.vertx = vertx;
    this.service = service;
    this.shutdownGrace = shutdownGrace;
  }

  /** Starts everything and returns once the HTTP port is bound; on failure, stops what did start and throws. */
  public static Application start(Config config, WeChatSettings wechat, HttpSettings http, Modules modules) {
    Infrastructure infrastructure = Infrastructure.startDatabase(config);
    Vertx vertx = null;
    try {
      infrastructure.startRedis();
      infrastructure.migrate();
      VertxFactory.Runtime runtime = VertxFactory.create();
      vertx = runtime.vertx();
      WeChatConnection connection = await(connectWeChat(vertx, wechat).toCompletionStage(), Duration.ofMinutes(1));
      Features features = (platform, contract) -> modules.create(platform,
          WeChatGateway.create(platform.vertx(), platform.redis().client(), connection, wechat), contract);
      ServiceVerticle service = new ServiceVerticle(http, infrastructure.connections(), runtime.metrics(), features);
      await(vertx.deployVerticle(service).toCompletionStage(), Duration.ofMinutes(2));
      return new Application(infrastructure, vertx, service, config.shutdownGrace());
    } catch (RuntimeException e) {
      if (vertx != null) {
        vertx.close();
      }
      infrastructure.close();
      throw e;
    }
  }

  /** Live WeChat as configured, or the built-in simulator, started here on loopback. */
  private static Future<WeChatConnection> connectWeChat(Vertx vertx, WeChatSettings wechat) {
    if (wechat.mode() == WeChatSettings.Mode.LIVE) {
      LOG.info("WeChat: live, {}", wechat.live().orElseThrow());
      return Future.succeededFuture(wechat.live().orElseThrow());
    }
    return WeChatSimulator.start(vertx, SimulatorSettings.defaults(), Clock.systemUTC()).map(simulator -> {
      LOG.info("WeChat: no AppID configured, so the built-in simulator answers at {} (see the README)",
          simulator.baseUrl());
      return simulator.connection();
    });
  }

  public int port() {
    return service.port();
  }

  @Override
  public void close() {
    LOG.info("Shutting down: draining requests for up to {} s", shutdownGrace.toSeconds());
    try {
      await(vertx.close().toCompletionStage(), shutdownGrace.plusSeconds(15));
    } catch (RuntimeException e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.getMessage());
    } finally {
      infrastructure.close();
    }
    LOG.info("TableLoop stopped");
  }

  private static <T> T await(CompletionStage<T> stage, Duration timeout) {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s", e);
    }
  }
}
