package app.tableloop.ordering.ticket;

import java.util.List;
import java.util.Objects;

/**
 * One dish on a kitchen ticket.
 *
 * @param choices the options picked for the dish, such as 大份 or 微辣, in menu order; null means none
 */
public record TicketLine(String dishName, List<String> choices, int quantity) {
  public TicketLine {
    if (dishName == null || dishName.isBlank()) {
      throw new IllegalArgumentException("dish name must not be blank");
    }
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity of " + dishName.strip() + " must be at least 1, was " + quantity);
    }
    if (choices == null) {
      choices = List.of();
    } else if (choices.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("choices of " + dishName.strip() + " must not contain null");
    } else {
      choices = List.copyOf(choices);
    }
  }
}
