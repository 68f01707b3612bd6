package app.tableloop.menu;

import java.util.List;

/** A selection priced by the server from the menu: unit price with the choices' deltas, times quantity. */
public record PricedLine(Dish dish, List<OptionChoice> choices, int quantity, long unitPriceFen) {
  public long totalFen() {
    return unitPriceFen * quantity;
  }
}
