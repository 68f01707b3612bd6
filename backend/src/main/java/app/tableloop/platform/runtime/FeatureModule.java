package app.tableloop.platform.runtime;

import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.job.PeriodicJob;
import app.tableloop.platform.outbox.EventHandler;
import java.util.List;

/**
 * A feature, wired from the platform and the ports of the features it needs: what it serves over HTTP, what it runs
 * in the background, and which outbox events it handles. The service mounts, starts and registers them.
 */
public interface FeatureModule {
  List<ApiModule> apis();

  default List<PeriodicJob> jobs() {
    return List.of();
  }

  default List<EventHandler> eventHandlers() {
    return List.of();
  }

  /** A module that only serves these operations. */
  static FeatureModule serving(ApiModule... apis) {
    List<ApiModule> served = List.of(apis);
    return () -> served;
  }
}
