package app.tableloop;

import app.tableloop.membership.PhoneReencryption;
import app.tableloop.platform.config.Config;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.runtime.Infrastructure;
import app.tableloop.platform.runtime.VertxFactory;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code members reencrypt}: seals every member's phone number again under the current key (the first of
 * MEMBER_DATA_KEYS), so that an older key can be retired.
 */
final class MembersReencryptCommand {
  private MembersReencryptCommand() {
  }

  static int run(Config config, PrintStream out) {
    try (Infrastructure infrastructure = Infrastructure.startDatabase(config)) {
      infrastructure.migrate();
      Vertx vertx = VertxFactory.create().vertx();
      Database owner = Database.connect(vertx, infrastructure.ownerDatabase(), 2, "tableloop-reencrypt");
      try {
        PhoneReencryption reencryption = new PhoneReencryption(owner, infrastructure.dataKeys());
        int resealed = reencryption.run().toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
        out.println("Re-sealed " + resealed + " phone number(s) under key " + infrastructure.dataKeys().currentId());
        return 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("could not re-seal: " + e.getMessage(), e);
      } finally {
        owner.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
      }
    }
  }
}
