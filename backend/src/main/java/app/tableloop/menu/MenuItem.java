package app.tableloop.menu;

import app.tableloop.tenancy.BusinessHours;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A dish with all the menu shows about it: the {@link Dish} that ordering prices, its section and place in it, its
 * description, picture and tags, when it is served, and how many portions a business day starts with (null:
 * unlimited).
 */
public record MenuItem(Dish dish, UUID categoryId, String description, String imageUrl, List<String> tags,
                       int sortOrder, BusinessHours windows, Integer dailyStock) {

  /** Diners see the dish sold out when the kitchen said so or today's portions are gone. */
  public boolean soldOutNow() {
    return dish.soldOut() || (dish.stockLeft() != null && dish.stockLeft() == 0);
  }

  /** Whether the dish is served at this moment (of the store's time zone); no windows means always. */
  public boolean availableAt(ZonedDateTime at) {
    return windows.isOpenAt(at);
  }
}
