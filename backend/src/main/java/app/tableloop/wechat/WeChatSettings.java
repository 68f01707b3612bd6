package app.tableloop.wechat;

import app.tableloop.platform.config.ConfigException;
import app.tableloop.platform.config.Environment;
import com.github.binarywang.wxpay.v3.util.PemUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How TableLoop reaches WeChat, from the environment: the built-in simulator (the default while no AppID is set) or
 * live WeChat with the mini-program's and the merchant's credentials, all checked at start. WeChat Pay's answers are
 * verified with its public key when one is configured, else with its platform certificates. Secrets are never
 * printed: {@link MerchantCredentials#toString()} leaves them out.
 *
 * @param live    the live connection; empty in simulator mode, where the simulator supplies one
 * @param timeout bound on one WeChat call, including WxJava's own retries
 * @param workers threads for WxJava's blocking calls
 * @param subscribeTemplates the transactional subscribe-message templates (WECHAT_SUBSCRIBE_DISHES_READY,
 *                           WECHAT_SUBSCRIBE_REFUND_DONE; the simulator's own unless set)
 * @param simulatorUrl the simulator another instance runs (WECHAT_SIMULATOR_URL, simulator mode only), which this one
 *                     uses instead of starting its own; empty: start one
 */
public record WeChatSettings(Mode mode, Optional<WeChatConnection> live, Duration timeout, int workers,
                             SubscribeTemplates subscribeTemplates, Optional<String> simulatorUrl) {
  private static final String SIMULATOR_URL = "WECHAT_SIMULATOR_URL";
  private static final String PUBLIC_KEY_ID = "WECHAT_PAY_PUBLIC_KEY_ID";
  private static final String PUBLIC_KEY_FILE = "WECHAT_PAY_PUBLIC_KEY_FILE";

  public enum Mode { SIMULATOR, LIVE }

  /** Without subscribe-message templates. */
  public WeChatSettings(Mode mode, Optional<WeChatConnection> live, Duration timeout, int workers) {
    this(mode, live, timeout, workers, mode == Mode.SIMULATOR ? SubscribeTemplates.SIMULATED : SubscribeTemplates.NONE,
        Optional.empty());
  }

  public static WeChatSettings fromEnvironment() {
    return from(System.getenv());
  }

  public static WeChatSettings from(Map<String, String> variables) {
    Environment env = new Environment(variables);
    Mode mode = mode(env);
    Duration timeout = Duration.ofSeconds(env.integer("WECHAT_TIMEOUT_SECONDS", 10, 1, 120));
    int workers = env.integer("WECHAT_WORKERS", 8, 1, 64);
    SubscribeTemplates fallback = mode == Mode.SIMULATOR ? SubscribeTemplates.SIMULATED : SubscribeTemplates.NONE;
    SubscribeTemplates templates = new SubscribeTemplates(
        env.optional("WECHAT_SUBSCRIBE_DISHES_READY").or(fallback::dishesReady),
        env.optional("WECHAT_SUBSCRIBE_REFUND_DONE").or(fallback::refundDone));
    if (mode == Mode.SIMULATOR) {
      return new WeChatSettings(mode, Optional.empty(), timeout, workers, templates, simulatorUrl(env));
    }
    if (env.optional(SIMULATOR_URL).isPresent()) {
      throw new ConfigException(SIMULATOR_URL + " applies in simulator mode only; unset it, or set "
          + "WECHAT_MODE=simulator");
    }
    String apiV3Key = required(env, "WECHAT_PAY_API_V3_KEY");
    if (apiV3Key.getBytes(StandardCharsets.UTF_8).length != 32) {
      throw new ConfigException("WECHAT_PAY_API_V3_KEY must be the 32-character API v3 key set in the merchant "
          + "platform");
    }
    String serial = required(env, "WECHAT_PAY_CERT_SERIAL");
    if (!serial.matches("[0-9A-Fa-f]{8,64}")) {
      throw new ConfigException("WECHAT_PAY_CERT_SERIAL must be the merchant certificate's serial number (hex)");
    }
    MerchantCredentials merchant = new MerchantCredentials(
        required(env, "WECHAT_PAY_MCH_ID"),
        pem(env, "WECHAT_PAY_PRIVATE_KEY_FILE", true),
        serial.toUpperCase(),
        apiV3Key,
        payPublicKey(env));
    WeChatConnection connection = new WeChatConnection(required(env, "WECHAT_APP_ID"),
        required(env, "WECHAT_APP_SECRET"), merchant, Optional.empty(), WeChatConnection.PAY_BASE_URL,
        Optional.empty());
    return new WeChatSettings(mode, Optional.of(connection), timeout, workers, templates, Optional.empty());
  }

  /**
   * Both public-key variables (public key mode) or neither (platform-certificate mode); one alone is a mistake, not
   * a choice, so it fails the start.
   */
  private static Optional<MerchantCredentials.PayPublicKey> payPublicKey(Environment env) {
    Optional<String> id = env.optional(PUBLIC_KEY_ID);
    Optional<String> file = env.optional(PUBLIC_KEY_FILE);
    if (id.isEmpty() && file.isEmpty()) {
      return Optional.empty();
    }
    if (id.isEmpty() || file.isEmpty()) {
      String missing = id.isEmpty() ? PUBLIC_KEY_ID : PUBLIC_KEY_FILE;
      String present = id.isEmpty() ? PUBLIC_KEY_FILE : PUBLIC_KEY_ID;
      throw new ConfigException(missing + " is required with " + present + " (WeChat Pay public key mode); set "
          + "both, or neither to verify with WeChat Pay's platform certificates");
    }
    // WxJava checks with the public key only signatures whose serial is such an id.
    if (!id.get().matches("PUB_KEY_ID_\\w+")) {
      throw new ConfigException(PUBLIC_KEY_ID + " must be the id shown with WeChat Pay's public key "
          + "(PUB_KEY_ID_...), got '" + id.get() + "'");
    }
    return Optional.of(new MerchantCredentials.PayPublicKey(id.get(), pem(env, PUBLIC_KEY_FILE, false)));
  }

  private static Optional<String> simulatorUrl(Environment env) {
    Optional<String> url = env.optional(SIMULATOR_URL).map(value -> value.replaceFirst("/+$", ""));
    // The simulator speaks plain HTTP, and is WeChat Pay's proxy at that host and port.
    if (url.isPresent() && !url.get().matches("http://[^\\s/?#@]+:\\d{1,5}")) {
      throw new ConfigException(SIMULATOR_URL + " must be the address of another instance's WeChat simulator, with "
          + "its port, such as http://127.0.0.1:8090, got '" + url.get() + "'");
    }
    return url;
  }

  private static Mode mode(Environment env) {
    Optional<String> value = env.optional("WECHAT_MODE");
    if (value.isEmpty()) {
      if (env.optional("WECHAT_APP_ID").isPresent()) {
        return Mode.LIVE;
      }
      // A deployment on its own database that forgot WeChat's settings would otherwise come up on the simulator, with
      // links nobody outside this machine can sign in through.
      if (env.optional("DATABASE_URL").isPresent()) {
        throw new ConfigException("DATABASE_URL is set but WeChat is not: set WECHAT_APP_ID (with the WECHAT_PAY_... "
            + "settings) to talk to WeChat, or WECHAT_MODE=simulator to run on the built-in WeChat simulator");
      }
      return Mode.SIMULATOR;
    }
    return switch (value.get().toLowerCase()) {
      case "simulator" -> Mode.SIMULATOR;
      case "live" -> Mode.LIVE;
      default -> throw new ConfigException("WECHAT_MODE must be 'simulator' or 'live', got '" + value.get() + "'");
    };
  }

  /** Reads and parses a PEM key file, so that a wrong file fails the start rather than the first payment. */
  private static String pem(Environment env, String variable, boolean privateKey) {
    Path file = Path.of(required(env, variable));
    String content;
    try {
      content = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(variable + " names a file that cannot be read: " + file);
    }
    try {
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      if (privateKey) {
        PemUtils.loadPrivateKey(new ByteArrayInputStream(bytes));
      } else {
        PemUtils.loadPublicKey(new ByteArrayInputStream(bytes));
      }
    } catch (RuntimeException e) {
      throw new ConfigException(variable + " (" + file + ") is not a PEM " + (privateKey ? "private" : "public")
          + " key");
    }
    return content;
  }

  private static String required(Environment env, String name) {
    return env.required(name, "in live WeChat mode (WECHAT_MODE=live, or WECHAT_APP_ID set)");
  }
}
