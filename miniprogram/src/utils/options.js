// A dish's option groups as the picker shows them, with the backend's own rules: a required group needs at least
// max(1, min_choices) choices, an optional one min_choices; none more than max_choices.
const { formatFen } = require('./money');

function leastOf(group) {
  return group.required ? Math.max(1, group.min_choices || 0) : group.min_choices || 0;
}

function mostOf(group) {
  return group.max_choices || 1;
}

/** What the group asks, in words: "必选 1 项", "可选，最多 3 项", "选 2-3 项". */
function ruleText(group) {
  const least = leastOf(group);
  const most = mostOf(group);
  if (least === 0) {
    return most === 1 ? '可选' : `可选，最多 ${most} 项`;
  }
  return least === most ? `必选 ${least} 项` : `选 ${least}-${most} 项`;
}

/** The picker's state for `dish`: every group with no choice made. */
function startPicking(dish) {
  return (dish.option_groups || []).map((group) => ({
    id: group.id,
    name: group.name,
    least: leastOf(group),
    most: mostOf(group),
    rule: ruleText(group),
    choices: (group.choices || []).map((choice) => ({
      id: choice.id,
      name: choice.name,
      delta: choice.price_delta_fen || 0,
      deltaText: choice.price_delta_fen ? `${choice.price_delta_fen > 0 ? '+' : ''}${formatFen(choice.price_delta_fen)}` : '',
      selected: false,
    })),
  }));
}

/**
 * Taps choice `choiceId` of group `groupId`: a group of one choice swaps its choice; a fuller group of several keeps
 * what it has (the diner takes one off first). Answers new groups.
 */
function toggle(groups, groupId, choiceId) {
  return groups.map((group) => {
    if (group.id !== groupId) {
      return group;
    }
    const chosen = group.choices.filter((c) => c.selected).length;
    return {
      ...group,
      choices: group.choices.map((choice) => {
        if (choice.id === choiceId) {
          if (choice.selected) {
            return { ...choice, selected: false };
          }
          return group.most === 1 || chosen < group.most ? { ...choice, selected: true } : choice;
        }
        return group.most === 1 ? { ...choice, selected: false } : choice;
      }),
    };
  });
}

/** The first group whose choices are too few, in words; empty when the picking is complete. */
function missing(groups) {
  const short = groups.find((group) => group.choices.filter((c) => c.selected).length < group.least);
  return short ? `请选择「${short.name}」（${short.rule}）` : '';
}

function chosenIds(groups) {
  return groups.flatMap((group) => group.choices.filter((c) => c.selected).map((c) => c.id));
}

/** The unit price shown while picking (the server prices the line again; never below zero). */
function unitPrice(dish, groups) {
  const total = groups.reduce((sum, group) => sum + group.choices
    .filter((c) => c.selected).reduce((s, c) => s + c.delta, 0), dish.price_fen);
  return Math.max(0, total);
}

module.exports = { startPicking, toggle, missing, chosenIds, unitPrice };
