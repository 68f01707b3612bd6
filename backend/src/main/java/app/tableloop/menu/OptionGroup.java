package app.tableloop.menu;

import java.util.List;
import java.util.UUID;

/** A group of choices for a dish (size, spice level, add-ons): how many of them a diner must and may pick. */
public record OptionGroup(UUID id, String name, boolean required, int minChoices, int maxChoices,
                          List<OptionChoice> choices) {
}
