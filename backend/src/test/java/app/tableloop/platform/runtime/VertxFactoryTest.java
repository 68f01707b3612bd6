package app.tableloop.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.Await;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VertxFactoryTest {

  /**
   * The HTTP servers (one per core) and the database pool's connections (spread over as many loops) take their loops
   * from the same group in turn: only when the group has no more loops than that do a request and the connection it
   * is given share one, so that its statements are not handed from thread to thread.
   */
  @Test
  void itHasOneEventLoopPerCore() {
    Vertx vertx = VertxFactory.create().vertx();
    try {
      List<EventExecutor> loops = new ArrayList<>();
      ((VertxInternal) vertx).nettyEventLoopGroup().forEach(loops::add);

      assertThat(loops).hasSize(Runtime.getRuntime().availableProcessors());
    } finally {
      Await.result(vertx.close());
    }
  }
}
