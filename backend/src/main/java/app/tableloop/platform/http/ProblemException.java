package app.tableloop.platform.http;

/** Fails a request with a known problem; the failure handler answers it as is, without a stack trace in the log. */
public final class ProblemException extends RuntimeException {
  private final Problem problem;

  public ProblemException(Problem problem) {
    super(problem.code() + ": " + problem.messageEn(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
