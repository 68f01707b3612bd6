package app.tableloop.testing;

import app.tableloop.platform.database.Database;
import app.tableloop.platform.runtime.VertxFactory;
import io.vertx.core.Vertx;

/**
 * The platform's database, without the service: a test class's own database (see {@link TestEnvironment}) and a pool
 * on it as the service's role, for tests of what features build on. Close it in {@code @AfterAll}.
 */
public final class DatabaseUnderTest implements AutoCloseable {
  private final TestEnvironment env;
  private final Vertx vertx;
  private final Database database;

  private DatabaseUnderTest(TestEnvironment env, Vertx vertx, Database database) {
    this.env = env;
    this.vertx = vertx;
    this.database = database;
  }

  public static DatabaseUnderTest forClass(Class<?> testClass, int poolSize) {
    TestEnvironment env = TestEnvironment.forClass(testClass);
    Vertx vertx = VertxFactory.create().vertx();
    return new DatabaseUnderTest(env, vertx, Database.connect(vertx, env.appUrl(), poolSize,
        testClass.getSimpleName()));
  }

  public TestEnvironment env() {
    return env;
  }

  public Database database() {
    return database;
  }

  /** Another pool on the same database, named for PostgreSQL (another instance, say); the caller closes it. */
  public Database anotherPool(int poolSize, String name) {
    return Database.connect(vertx, env.appUrl(), poolSize, name);
  }

  @Override
  public void close() {
    Await.result(database.close());
    Await.result(vertx.close());
    env.close();
  }
}
