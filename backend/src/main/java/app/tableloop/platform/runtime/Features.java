package app.tableloop.platform.runtime;

import app.tableloop.platform.http.Guard;
import app.tableloop.platform.http.Platform;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/** What a service mounts, made once the platform (database, Redis, metrics) is up. */
@FunctionalInterface
public interface Features {
  Api create(Platform platform, Buffer contractDocument);

  /** The guard every operation passes first, and the feature modules, in the order they were wired. */
  record Api(Guard guard, List<FeatureModule> modules) {
  }
}
