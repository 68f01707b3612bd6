package app.tableloop.platform.refusal;

/** Refusals any feature may give in the same words as the platform's own problems. */
public enum CommonRefusal implements Refusal.Listed {
  /** No such thing, or not one the caller may see; name the input with {@link #at(String)}. */
  NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "not_found", "找不到请求的资源", "No such resource"));

  private final Refusal words;

  CommonRefusal(Refusal words) {
    this.words = words;
  }

  @Override
  public Refusal words() {
    return words;
  }
}
