package app.tableloop;

import app.tableloop.demo.Walkthrough;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code try [--url http://127.0.0.1:8080] [--simulator http://127.0.0.1:8090] [--invite <token>]}: plays the owner's
 * and a diner's first five minutes against a running TableLoop with the WeChat simulator, one line per step; exit 0
 * when every step did what it should, 1 (and a line naming the step) otherwise.
 */
final class TryCommand {
  static final String USAGE = """
      Usage: java -jar tableloop.jar try [--url http://127.0.0.1:8080] [--simulator http://127.0.0.1:8090]
                                         [--invite <token>]
        --url        the running TableLoop (or its reverse proxy); every call, WebSockets too, goes there
        --simulator  its WeChat simulator (the start log names it)
        --invite     an owner invite to accept (tenant create prints one); without it, the demo restaurant's
                     owner demo-owner plays the owner""";
  private static final long WITHIN_MINUTES = 3;

  private TryCommand() {
  }

  static int run(List<String> arguments, PrintStream out, PrintStream err) {
    Map<String, String> options = new HashMap<>(Map.of("--url", "http://127.0.0.1:8080",
        "--simulator", "http://127.0.0.1:8090"));
    for (int i = 0; i < arguments.size(); i += 2) {
      String name = arguments.get(i);
      if (!List.of("--url", "--simulator", "--invite").contains(name) || i + 1 >= arguments.size()) {
        err.println("Unknown option or missing value: " + name);
        err.println(USAGE);
        return TenantCreateCommand.USAGE_ERROR;
      }
      options.put(name, arguments.get(i + 1));
    }
    // A plain Vert.x: the service's metrics have nothing to measure in a client.
    Vertx vertx = Vertx.vertx();
    try {
      out.println("Trying TableLoop at " + options.get("--url") + " with the WeChat simulator at "
          + options.get("--simulator"));
      new Walkthrough(vertx, options.get("--url"), options.get("--simulator"),
          Optional.ofNullable(options.get("--invite")), out::println, Clock.systemUTC())
          .play().toCompletionStage().toCompletableFuture().get(WITHIN_MINUTES, TimeUnit.MINUTES);
      out.println("Every step did what it should: the owner's and the diner's flows work here.");
      return 0;
    } catch (ExecutionException e) {
      err.println("FAILED " + e.getCause().getMessage());
      return 1;
    } catch (TimeoutException e) {
      err.println("FAILED the walk did not finish within " + WITHIN_MINUTES + " minutes");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}
