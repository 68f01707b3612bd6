package app.tableloop.menu;

import java.util.List;
import java.util.UUID;

/**
 * A dish of a store's menu as ordering needs it. Prices are fen. {@code stockLeft} is today's remaining portions
 * when the dish has a daily stock, else null (unlimited).
 */
public record Dish(UUID id, UUID storeId, String name, long priceFen, Long memberPriceFen, boolean soldOut,
                   Integer stockLeft, boolean active, List<OptionGroup> optionGroups) {
}
