package app.tableloop.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.testing.CapturedLog;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's pattern masks credentials in a line's message and in its stack trace, and keeps the rest. */
class ConsoleMaskingTest {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleMaskingTest.class);

  @Test
  void aCredentialInTheMessageOrTheStackTraceIsMaskedAndTheLineKeepsItsShape() {
    String printed;
    try (CapturedLog log = CapturedLog.start()) {
      LOG.warn("token refresh failed for {}", "https://api.weixin.qq.com/cgi-bin/token?appid=wx1&secret=S3CR3T",
          new IllegalStateException("GET https://api.weixin.qq.com/sns/jscode2session?js_code=C0DE&secret=S3CR3T",
              new IllegalArgumentException("{\"access_token\":\"T0K3N\"}")));
      printed = log.text();
    }

    assertThat(printed).doesNotContain("S3CR3T").doesNotContain("C0DE").doesNotContain("T0K3N");
    assertThat(printed)
        .containsPattern("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* WARN  \\[[^]]+] \\[req:-] "
            + "a\\.t\\.p\\.logging\\.ConsoleMaskingTest - token refresh failed for "
            + "https://api\\.weixin\\.qq\\.com/cgi-bin/token\\?appid=wx1&secret=\\*\\*\\*\n")
        .contains("java.lang.IllegalStateException: GET https://api.weixin.qq.com/sns/jscode2session?js_code=***"
            + "&secret=***")
        .contains("Caused by: java.lang.IllegalArgumentException: {\"access_token\":\"***\"}")
        .contains("\tat app.tableloop.platform.logging.ConsoleMaskingTest.");
  }
}
