package app.tableloop.wechat.simulator;

/** What the simulated WeChat Pay did with a request: the thing it made or found, or its refusal. */
sealed interface Outcome<T> {

  static <T> Outcome<T> accepted(T value) {
    return new Accepted<>(value);
  }

  static <T> Outcome<T> rejected(PayRejection rejection) {
    return new Rejected<>(rejection);
  }

  record Accepted<T>(T value) implements Outcome<T> {
  }

  record Rejected<T>(PayRejection rejection) implements Outcome<T> {
  }
}
