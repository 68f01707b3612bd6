package app.tableloop.menu;

import java.util.UUID;

/** One choice of an option group (大份, 微辣, 加蛋), with what it adds to the dish's price, in fen. */
public record OptionChoice(UUID id, String name, long priceDeltaFen) {
}
