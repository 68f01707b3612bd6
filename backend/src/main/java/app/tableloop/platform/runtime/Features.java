package app.tableloop.platform.runtime;

import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/** Which API modules a service mounts, made once the platform (database, Redis, metrics) is up. */
@FunctionalInterface
public interface Features {
  List<ApiModule> modules(Platform platform, Buffer contractDocument);
}
