package app.tableloop.menu;

import app.tableloop.tenancy.BusinessHours;
import java.util.List;
import java.util.UUID;

/**
 * A dish as an owner writes it, with its option groups and choices. Groups and choices that carry an id are the
 * dish's existing ones, kept (so that carts naming them stay valid); those without are new.
 *
 * @param sortOrder null: a new dish goes last in its category, an existing one keeps its place
 */
public record DishDraft(UUID categoryId, String name, String description, String imageUrl, long priceFen,
                        Long memberPriceFen, List<String> tags, Integer sortOrder, BusinessHours windows,
                        List<GroupDraft> optionGroups) {

  public record GroupDraft(UUID id, String name, boolean required, int minChoices, int maxChoices,
                           List<ChoiceDraft> choices) {
  }

  public record ChoiceDraft(UUID id, String name, long priceDeltaFen) {
  }
}
