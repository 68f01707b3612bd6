package app.tableloop.platform.http;

import io.vertx.ext.web.openapi.router.RouterBuilder;

/** A feature's HTTP side: it mounts its handlers on the contract's operations, by operationId. */
public interface ApiModule {
  void mount(RouterBuilder api);
}
