package app.tableloop.menu;

import java.util.List;
import java.util.UUID;

/** What a diner picked: a dish, its choices, how many. */
public record Selection(UUID dishId, List<UUID> choiceIds, int quantity) {
}
