package app.tableloop.platform.runtime;

import app.tableloop.platform.config.Config;
import app.tableloop.platform.http.ConnectionLimits;
import app.tableloop.platform.http.TrustedProxies;
import java.time.Duration;

/** How the HTTP server listens and which contract it serves. */
public record HttpSettings(String host, int port, long maxBodyBytes, Duration shutdownGrace, String contractPath,
                           String publicBaseUrl, ConnectionLimits limits, TrustedProxies trustedProxies) {
  public static final String CONTRACT = "openapi.yaml";

  public static HttpSettings from(Config config) {
    return new HttpSettings(config.httpHost(), config.httpPort(), config.maxBodyBytes(), config.shutdownGrace(),
        CONTRACT, config.publicBaseUrl(), config.connectionLimits(), config.trustedProxies());
  }
}
