package app.tableloop.ordering.ticket;

/** The receipt paper a kitchen printer takes, and how many columns of its standard font fit across it. */
public enum PaperWidth {
  MM58(32),
  MM80(48);

  private final int columns;

  PaperWidth(int columns) {
    this.columns = columns;
  }

  public int columns() {
    return columns;
  }
}
