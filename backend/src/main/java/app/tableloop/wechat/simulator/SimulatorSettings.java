package app.tableloop.wechat.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How the simulator behaves where WeChat has limits and timings, so tests can make them short.
 *
 * @param tokenLifetime          how long an access token lives (WeChat: 7200 s)
 * @param loginCodeLifetime      how long a wx.login code may be exchanged (WeChat: 5 minutes)
 * @param subscribeQuotaPerMinute subscribe messages accepted per minute before 45009
 * @param sensitiveWords         text that the content check flags as risky
 * @param miniProgramPages       the pages the mini-program has (getwxacodeunlimit rejects others)
 * @param notifyRetryDelays      waits between notification attempts after a non-2xx answer
 * @param payVerification        how merchants verify WeChat Pay's signatures
 */
public record SimulatorSettings(
    Duration tokenLifetime,
    Duration loginCodeLifetime,
    int subscribeQuotaPerMinute,
    Set<String> sensitiveWords,
    Set<String> miniProgramPages,
    List<Duration> notifyRetryDelays,
    PayVerification payVerification) {

  /**
   * What the simulated merchant verifies WeChat Pay with: its public key (merchants since 2024), or its platform
   * certificates, downloaded from {@code /v3/certificates} (merchants before).
   */
  public enum PayVerification { PUBLIC_KEY, PLATFORM_CERTIFICATE }

  /** WeChat's own numbers, for dev mode. */
  public static SimulatorSettings defaults() {
    return new SimulatorSettings(
        Duration.ofSeconds(7200),
        Duration.ofMinutes(5),
        1000,
        Set.of("赌博", "代开发票", "gambling"),
        Set.of("pages/table/scan/index", "pages/table/menu/index", "staff/pages/invite/accept/index",
            "pages/member/join/index"),
        List.of(Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(3),
            Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofMinutes(30),
            Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofHours(3), Duration.ofHours(3),
            Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(6)),
        PayVerification.PUBLIC_KEY);
  }
}
