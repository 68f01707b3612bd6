package app.tableloop.ordering;

import java.util.List;
import java.util.UUID;

/** One line of a tab's shared cart, remembering who added it. */
public record CartLine(UUID id, UUID dishId, List<UUID> choiceIds, int quantity, UUID addedBy) {
}
