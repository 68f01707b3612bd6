package app.tableloop.campaign;

import java.util.Locale;

/** Where a campaign stands: only a running one reaches members; a stopped or finished one never runs again. */
public enum CampaignStatus {
  SCHEDULED, RUNNING, PAUSED, STOPPED, FINISHED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CampaignStatus fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** Where a pause, resume or stop leads from here; empty when it cannot be done from this status. */
  public java.util.Optional<CampaignStatus> after(Change change) {
    return switch (change) {
      case PAUSE -> this == RUNNING || this == SCHEDULED ? java.util.Optional.of(PAUSED) : java.util.Optional.empty();
      case RESUME -> this == PAUSED ? java.util.Optional.of(RUNNING) : java.util.Optional.empty();
      case STOP -> this == STOPPED || this == FINISHED ? java.util.Optional.empty() : java.util.Optional.of(STOPPED);
    };
  }

  public enum Change { PAUSE, RESUME, STOP }
}
