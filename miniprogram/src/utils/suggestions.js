// What the menu suggests to a signed-in diner, held against the menu as it is now: "你常点" (the dishes I order most
// here, those still to be had) and, under a dish, "常一起点" (the dishes most often in the same order).

function none() {
  return { usual: [], together: {} };
}

/** The server's answer as the menu uses it; anything missing reads as nothing to suggest. */
function suggestionsOf(answer) {
  const suggestions = none();
  if (!answer) {
    return suggestions;
  }
  suggestions.usual = (answer.usual || []).map((entry) => entry.dish_id);
  (answer.together || []).forEach((entry) => {
    suggestions.together[entry.dish_id] = entry.with || [];
  });
  return suggestions;
}

/** The dishes of `ids` that `find` (id → menu dish) knows and that can be ordered now, in the same order. */
function orderable(ids, find) {
  return ids.map(find).filter((dish) => dish && !dish.sold_out && dish.available_now !== false);
}

/** "常一起点：拍黄瓜、可乐" for a dish, or '' when nothing on the menu now goes with it. */
function togetherText(suggestions, dishId, find) {
  const names = orderable((suggestions && suggestions.together[dishId]) || [], find).map((dish) => dish.name);
  return names.length ? `常一起点：${names.join('、')}` : '';
}

module.exports = { none, suggestionsOf, orderable, togetherText };
