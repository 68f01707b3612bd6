package app.tableloop;

import app.tableloop.platform.config.Config;
import app.tableloop.platform.config.ConfigException;
import app.tableloop.platform.logging.Logs;
import app.tableloop.platform.runtime.HttpSettings;
import app.tableloop.platform.runtime.Infrastructure;
import app.tableloop.wechat.WeChatSettings;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar tableloop.jar [serve|migrate|healthcheck|tenant create|members reencrypt|try|help]}; configuration
 * comes from the environment.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    String command = args.length == 0 ? "serve" : args[0];
    try {
      int status = switch (command) {
        case "serve" -> serve();
        case "migrate" -> migrate();
        case "healthcheck" -> healthcheck();
        case "tenant" -> args.length > 1 && args[1].equals("create")
            ? TenantCreateCommand.run(Config.fromEnvironment(), List.of(args).subList(2, args.length), System.out,
                System.err)
            : help(System.err, TenantCreateCommand.USAGE_ERROR);
        case "members" -> args.length == 2 && args[1].equals("reencrypt")
            ? MembersReencryptCommand.run(Config.fromEnvironment(), System.out)
            : help(System.err, TenantCreateCommand.USAGE_ERROR);
        case "try" -> TryCommand.run(List.of(args).subList(1, args.length), System.out, System.err);
        case "help", "--help", "-h" -> help(System.out, 0);
        default -> {
          System.err.println("Unknown command: " + command);
          yield help(System.err, 64);
        }
      };
      if (status != 0 || !"serve".equals(command)) {
        exit(status);
      }
    } catch (ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      exit(78);
    } catch (RuntimeException e) {
      LOG.error("TableLoop could not {}: {}", command, e.getMessage(), e);
      exit(1);
    }
  }

  private static void exit(int status) {
    Logs.flushBeforeExit();
    System.exit(status);
  }

  private static int serve() {
    Config config = Config.fromEnvironment();
    WeChatSettings wechat = WeChatSettings.fromEnvironment();
    // Vert.x's threads keep the JVM alive; SIGTERM or Ctrl-C runs this hook for a graceful stop. It is in place before
    // the start, since the port answers before the start has finished: a stop asked for meanwhile waits for it.
    CompletableFuture<Application> started = new CompletableFuture<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        started.join().close();
      } catch (CompletionException failedToStart) {
        // A failed start has already stopped what it started.
      } finally {
        Logs.flushBeforeExit();
      }
    }, "tableloop-shutdown"));
    try {
      started.complete(Application.start(config, wechat, HttpSettings.from(config), Application.FEATURES));
    } catch (RuntimeException e) {
      started.completeExceptionally(e);
      throw e;
    }
    return 0;
  }

  private static int migrate() {
    Config config = Config.fromEnvironment();
    try (Infrastructure infrastructure = Infrastructure.startDatabase(config)) {
      infrastructure.migrate();
    }
    return 0;
  }

  /** For container health checks: exits 0 when the local service reports ready. */
  private static int healthcheck() {
    Config config = Config.fromEnvironment();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.httpPort() + "/health/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      System.out.println(response.statusCode() + " " + response.body());
      return response.statusCode() == 200 ? 0 : 1;
    } catch (java.io.IOException e) {
      System.out.println("not reachable: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static int help(PrintStream out, int status) {
    out.println("""
        TableLoop: table-QR ordering, WeChat Pay and a customer CRM for restaurants.

        Usage: java -jar tableloop.jar [command]

          serve        run the service (the default)
          migrate      apply the database migrations and exit
          healthcheck  exit 0 if the service on HTTP_PORT reports ready (for container health checks)
          tenant create --name <brand> --store <store> --tables A1-A20 [--mode pay_first|eat_first]
                       set up a brand, its first store and tables; prints the owner's one-time invite
          members reencrypt
                       seal every member's phone number again under the first key of MEMBER_DATA_KEYS
          try [--url http://127.0.0.1:8080] [--simulator http://127.0.0.1:8090] [--invite <token>]
                       play the owner's and a diner's flows against a running TableLoop with the WeChat
                       simulator, one line per step; exit 0 when every step did what it should
          help         show this text

        Configuration is read from environment variables (see the README for the full table):
          DATABASE_URL        postgresql://user:password@host:5432/db   (unset: embedded PostgreSQL)
          REDIS_URL           redis://:password@host:6379/0              (unset: embedded Redis)
          HTTP_PORT           port to listen on (default 8080)
          TABLELOOP_DATA_DIR  where the embedded servers keep their data (default ./tableloop-data)
        """);
    return status;
  }
}
