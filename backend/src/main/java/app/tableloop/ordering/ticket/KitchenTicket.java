package app.tableloop.ordering.ticket;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plain-text kitchen ticket for an order, as a receipt printer prints it: store name centred, order number
 * (marked 加菜 for an add-on), table and head count, time placed, then each dish with its quantity and choices,
 * the guest's notes and the number of items. Lines end in '\n' and none is wider than the paper; a Chinese,
 * Japanese or Korean character counts two columns.
 */
public final class KitchenTicket {
  private static final DateTimeFormatter PLACED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);
  private static final String ADD_ON_MARKER = "【加菜】";
  private static final String CHOICE_INDENT = "   ";
  private static final String CHOICE_SEPARATOR = " / ";
  private static final String NOTES_LABEL = "备注: ";

  private KitchenTicket() {
  }

  public static String render(TicketOrder order, PaperWidth paper) {
    if (order == null || paper == null) {
      throw new IllegalArgumentException("an order and a paper width are required");
    }
    int columns = paper.columns();
    List<String> out = new ArrayList<>();

    for (String line : Columns.wrap("", Columns.singleLine(order.storeName()), 0, columns)) {
      out.add(" ".repeat((columns - Columns.width(line)) / 2) + line);
    }
    String number = "#" + Columns.singleLine(order.orderNumber());
    out.addAll(Columns.wrap("", order.addOn() ? number + "  " + ADD_ON_MARKER : number, 0, columns));
    String table = Columns.singleLine(order.tableName());
    String seating = order.headCount() > 0 ? table + "  人数 " + order.headCount() : table;
    out.addAll(wrapAfter("桌号 ", seating, columns));
    out.add(PLACED_AT.format(order.placedAt()));
    out.add("-".repeat(columns));

    int items = 0;
    for (TicketLine line : order.lines()) {
      out.addAll(wrapAfter(line.quantity() + " x ", Columns.singleLine(line.dishName()), columns));
      out.addAll(choiceLines(line.choices(), columns));
      items += line.quantity();
    }
    out.add("-".repeat(columns));

    String notes = order.notes() == null ? "" : Columns.singleLine(order.notes());
    if (!notes.isEmpty()) {
      out.addAll(wrapAfter(NOTES_LABEL, notes, columns));
    }
    out.add("共 " + items + " 份");
    // A blank last line sets this ticket apart from the next one on the roll.
    out.add("");
    return String.join("\n", out) + "\n";
  }

  /** {@code text} after {@code label}, its continuation lines aligned under its first character. */
  private static List<String> wrapAfter(String label, String text, int columns) {
    return Columns.wrap(label, text, Columns.width(label), columns);
  }

  /**
   * The choices, indented, as many to a line as fit. A choice moves whole to the next line rather than being cut,
   * so that the cook never reads half of "加一个卤蛋" as a choice of its own; only one longer than a line is wrapped.
   */
  private static List<String> choiceLines(List<String> choices, int columns) {
    List<String> lines = new ArrayList<>();
    String current = "";
    for (String raw : choices) {
      String choice = Columns.singleLine(raw);
      if (choice.isEmpty()) {
        continue;
      }
      String joined = current.isEmpty() ? choice : current + CHOICE_SEPARATOR + choice;
      if (Columns.width(CHOICE_INDENT + joined) <= columns) {
        current = joined;
        continue;
      }
      if (!current.isEmpty()) {
        lines.add(CHOICE_INDENT + current);
      }
      if (Columns.width(CHOICE_INDENT + choice) <= columns) {
        current = choice;
      } else {
        lines.addAll(Columns.wrap(CHOICE_INDENT, choice, CHOICE_INDENT.length(), columns));
        current = "";
      }
    }
    if (!current.isEmpty()) {
      lines.add(CHOICE_INDENT + current);
    }
    return lines;
  }
}
