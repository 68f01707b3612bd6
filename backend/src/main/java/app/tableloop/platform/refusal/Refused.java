package app.tableloop.platform.refusal;

/**
 * The failure that carries a {@link Refusal} through a failed future to the HTTP layer. It is no fault, so it has no
 * stack trace and is never logged as one.
 */
public final class Refused extends RuntimeException {
  private final transient Refusal refusal;

  public Refused(Refusal refusal) {
    super(refusal.code(), null, false, false);
    this.refusal = refusal;
  }

  public Refusal refusal() {
    return refusal;
  }
}
