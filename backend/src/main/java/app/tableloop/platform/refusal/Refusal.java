package app.tableloop.platform.refusal;

/**
 * A business refusal ("sold out", "coupon expired", "over refund") as a value: a stable code, what it says to the
 * person in Simplified Chinese and in English, what kind of refusal it is, and the input at fault if one is. Features
 * list theirs (an enum, or records for refusals that name amounts); the HTTP layer alone turns a kind into a status.
 */
public interface Refusal {
  /** What kind of refusal, which the HTTP layer answers with its status. */
  enum Kind {
    /** The input breaks a rule (400). */
    INVALID,
    /** Nobody is signed in, or the proof offered is no good (401). */
    UNAUTHENTICATED,
    /** Signed in, but not allowed to do this (403). */
    FORBIDDEN,
    /** No such thing here, or not one the caller may see (404). */
    NOT_FOUND,
    /** It cannot be done in the state things are in now (409). */
    CONFLICT,
    /** It was here once and is for good no longer, such as an expired invite (410). */
    GONE,
    /** Too many attempts; later (429). */
    TOO_MANY,
    /** A service we depend on (WeChat, WeChat Pay) failed or refused (502). */
    UPSTREAM_FAILED,
    /** We cannot serve it right now; retry shortly (503). */
    UNAVAILABLE
  }

  Kind kind();

  String code();

  String message();

  String messageEn();

  /** The input at fault, as a path such as {@code items[0].quantity}; null when no single one is. */
  default String field() {
    return null;
  }

  /** The same refusal, naming the input at fault. */
  default Refusal at(String field) {
    return new Plain(kind(), code(), message(), messageEn(), field);
  }

  static Refusal of(Kind kind, String code, String message, String messageEn) {
    return new Plain(kind, code, message, messageEn, null);
  }

  /**
   * A refusal listed as an enum constant: the constant holds its words as one {@link Refusal} (made with
   * {@link #of}, and {@link #at} when it names its input) and answers everything from it.
   */
  interface Listed extends Refusal {
    Refusal words();

    @Override
    default Kind kind() {
      return words().kind();
    }

    @Override
    default String code() {
      return words().code();
    }

    @Override
    default String message() {
      return words().message();
    }

    @Override
    default String messageEn() {
      return words().messageEn();
    }

    @Override
    default String field() {
      return words().field();
    }
  }

  /** A refusal made on the spot, for those whose words name amounts or names. */
  record Plain(Kind kind, String code, String message, String messageEn, String field) implements Refusal {
  }
}
