package app.tableloop.ordering.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KitchenTicketTest {
  private static final ZonedDateTime LUNCH = ZonedDateTime.of(2026, 11, 21, 12, 5, 0, 0, ZoneId.of("Asia/Shanghai"));
  private static final Set<Character.UnicodeBlock> WIDE_BLOCKS = Set.of(
      Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS,
      Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_A,
      Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_B,
      Character.UnicodeBlock.CJK_COMPATIBILITY_IDEOGRAPHS,
      Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION,
      Character.UnicodeBlock.HIRAGANA,
      Character.UnicodeBlock.KATAKANA,
      Character.UnicodeBlock.BOPOMOFO,
      Character.UnicodeBlock.HANGUL_SYLLABLES);

  @Test
  void aSmallOrderOn58mmPaperPrintsThisTicket() {
    TicketOrder order = new TicketOrder("演示面馆", "A023", "A12", LUNCH, 3, "不要香菜",
        List.of(line("红烧牛肉面", 2, "大份", "微辣"), line("凉拌黄瓜", 1)), false);

    assertThat(KitchenTicket.render(order, PaperWidth.MM58)).isEqualTo("""
                    演示面馆
        #A023
        桌号 A12  人数 3
        2026-11-21 12:05
        --------------------------------
        2 x 红烧牛肉面
           大份 / 微辣
        1 x 凉拌黄瓜
        --------------------------------
        备注: 不要香菜
        共 3 份

        """);
  }

  @ParameterizedTest
  @EnumSource(PaperWidth.class)
  void everyLineFitsThePaperHoweverLongTheTexts(PaperWidth paper) {
    TicketOrder order = new TicketOrder("TableLoop 演示面馆·望京 SOHO 旗舰店（二号楼三层，近地铁站）", "A023-20261121-0042",
        "露台包间 VIP-Garden-Room-12", LUNCH, 12,
        "不要香菜，少放盐；“汤要多一点”……打包一份辣椒油。See https://example.com/orders/A023/allergies/peanuts ok",
        List.of(
            line("招牌秘制酱香手撕包菜配香辣𩽾𩾌鱼片加铁板豆腐再来一碗米饭", 12, "大份", "微辣", "加一个卤蛋和两片牛肉再加一份青菜不要葱花"),
            line("Spaghetti Carbonara with Extra Parmesan and Black Pepper", 1, "Al dente", "No bacon"),
            line("Ｗｉ-Ｆｉ套餐ＡＢＣ　ラーメン 김치찌개 Crème brûlée", 3),
            line("X", 100, "１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０")),
        true);

    String ticket = KitchenTicket.render(order, paper);

    assertThat(ticket).doesNotContain("\r").endsWith("\n\n");
    List<String> lines = lines(ticket);
    assertThat(lines).hasSizeGreaterThan(20).allSatisfy(line -> {
      assertThat(columns(line)).as("columns of [%s]", line).isLessThanOrEqualTo(paper.columns());
      assertThat(line).as("no trailing space").isEqualTo(line.stripTrailing());
    });
    assertThat(lines).contains("-".repeat(paper.columns()));
  }

  @Test
  void aLongChineseDishNameWrapsBetweenCharactersAndKeepsThemAllInOrder() {
    String name = "招牌秘制酱香手撕包菜配香辣𩽾𩾌鱼片加铁板豆腐";

    List<String> block = itemBlock(KitchenTicket.render(order(line(name, 1)), PaperWidth.MM58));

    assertThat(block).containsExactly(
        "1 x 招牌秘制酱香手撕包菜配香辣𩽾",
        "    𩾌鱼片加铁板豆腐");
    assertThat(columns(block.get(0))).isEqualTo(32);
    assertThat(block.get(0).substring(4) + block.get(1).substring(4)).isEqualTo(name);
  }

  @Test
  void aWideCharacterThatWouldStraddleTheEdgeMovesWholeToTheNextLine() {
    List<String> block = itemBlock(KitchenTicket.render(order(line("红烧牛肉面加卤蛋加豆皮加青菜加辣", 12)), PaperWidth.MM58));

    assertThat(block).containsExactly(
        "12 x 红烧牛肉面加卤蛋加豆皮加青",
        "     菜加辣");
    assertThat(columns(block.get(0))).isEqualTo(31);
  }

  @Test
  void mixedAsciiAndChineseIsMeasuredInColumnsNotCharacters() {
    List<String> block = itemBlock(KitchenTicket.render(order(line("Coca-Cola 零度可口可乐 330ml 冰镇", 1)),
        PaperWidth.MM58));

    assertThat(block).containsExactly(
        "1 x Coca-Cola 零度可口可乐 330ml",
        "    冰镇");
    assertThat(block.get(0)).hasSize(26);
    assertThat(columns(block.get(0))).isEqualTo(32);
  }

  @Test
  void latinWordsWrapAtSpacesAndAreCutOnlyWhenLongerThanALine() {
    String ticket = KitchenTicket.render(order(
        line("Spaghetti Carbonara with Extra Parmesan", 2),
        line("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 1)), PaperWidth.MM58);

    assertThat(itemBlock(ticket)).containsExactly(
        "2 x Spaghetti Carbonara with",
        "    Extra Parmesan",
        "1 x ABCDEFGHIJKLMNOPQRSTUVWXYZ01",
        "    23456789");
  }

  @Test
  void choicesWrapUnderTheDishKeepingEachChoiceWhole() {
    String ticket = KitchenTicket.render(order(
        line("红烧牛肉面", 1, "大份", "微辣", "加一个卤蛋", "少放葱花香菜", "面条煮软一点", "汤多一些")), PaperWidth.MM58);

    assertThat(itemBlock(ticket)).containsExactly(
        "1 x 红烧牛肉面",
        "   大份 / 微辣 / 加一个卤蛋",
        "   少放葱花香菜 / 面条煮软一点",
        "   汤多一些");
  }

  @Test
  void aChoiceLongerThanALineWrapsOnItsOwnLines() {
    String ticket = KitchenTicket.render(order(
        line("红烧牛肉面", 1, "大份", "请把牛肉切成薄片并且单独装盘不要和面放在一起", "微辣")), PaperWidth.MM58);

    assertThat(itemBlock(ticket)).containsExactly(
        "1 x 红烧牛肉面",
        "   大份",
        "   请把牛肉切成薄片并且单独装盘",
        "   不要和面放在一起",
        "   微辣");
  }

  @Test
  void notesWrapAlignedAfterTheirLabelWithTheirLineBreaksMadeSpaces() {
    TicketOrder order = new TicketOrder("演示面馆", "A023", "A12", LUNCH, 3,
        "不要香菜，少放盐，汤要多一点，面条煮软一些，\n打包一份辣椒油", List.of(line("红烧牛肉面", 1)), false);

    List<String> lines = lines(KitchenTicket.render(order, PaperWidth.MM58));

    assertThat(lines.subList(lines.size() - 5, lines.size() - 2)).containsExactly(
        "备注: 不要香菜，少放盐，汤要多一",
        "      点，面条煮软一些， 打包一",
        "      份辣椒油");
  }

  @Test
  void withoutNotesTheTicketHasNoNotesLine() {
    assertThat(KitchenTicket.render(order(line("红烧牛肉面", 1)), PaperWidth.MM58)).doesNotContain("备注");
  }

  @Test
  void theAddOnMarkerAppearsOnlyOnAnAddOn() {
    TicketOrder first = order(line("红烧牛肉面", 1));
    TicketOrder addOn = new TicketOrder(first.storeName(), first.orderNumber(), first.tableName(), first.placedAt(),
        first.headCount(), null, first.lines(), true);

    assertThat(lines(KitchenTicket.render(addOn, PaperWidth.MM58)).get(1)).isEqualTo("#A023  【加菜】");
    assertThat(lines(KitchenTicket.render(first, PaperWidth.MM58)).get(1)).isEqualTo("#A023");
    assertThat(KitchenTicket.render(first, PaperWidth.MM80)).doesNotContain("加菜");
  }

  @Test
  void theItemCountSumsTheQuantities() {
    String ticket = KitchenTicket.render(order(line("红烧牛肉面", 2), line("凉拌黄瓜", 1), line("可乐", 12)),
        PaperWidth.MM58);

    assertThat(ticket).endsWith("\n共 15 份\n\n");
  }

  @Test
  void paper80mmWrapsLaterThan58mm() {
    TicketOrder order = order(line("招牌秘制酱香手撕包菜配五花肉片铁板豆腐香辣小龙虾尾", 1));

    String narrow = KitchenTicket.render(order, PaperWidth.MM58);
    String wide = KitchenTicket.render(order, PaperWidth.MM80);

    assertThat(itemBlock(narrow)).containsExactly(
        "1 x 招牌秘制酱香手撕包菜配五花肉",
        "    片铁板豆腐香辣小龙虾尾");
    assertThat(itemBlock(wide)).containsExactly(
        "1 x 招牌秘制酱香手撕包菜配五花肉片铁板豆腐香辣小",
        "    龙虾尾");
    assertThat(lines(narrow).get(0)).isEqualTo(" ".repeat(12) + "演示面馆");
    assertThat(lines(wide).get(0)).isEqualTo(" ".repeat(20) + "演示面馆");
  }

  @Test
  void theTimeIsPrintedInTheZoneTheOrderWasPlacedIn() {
    TicketOrder inShanghai = order(line("红烧牛肉面", 1));
    TicketOrder inUtc = new TicketOrder(inShanghai.storeName(), inShanghai.orderNumber(), inShanghai.tableName(),
        LUNCH.withZoneSameInstant(ZoneOffset.UTC), 0, null, inShanghai.lines(), false);

    assertThat(lines(KitchenTicket.render(inShanghai, PaperWidth.MM58))).contains("2026-11-21 12:05");
    assertThat(lines(KitchenTicket.render(inUtc, PaperWidth.MM58))).contains("2026-11-21 04:05", "桌号 A12");
  }

  @Test
  void aMissingOrderNumberIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TicketOrder("演示面馆", null, "A12", LUNCH, 3, null, List.of(line("面", 1)), false))
        .withMessage("order number must not be blank");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TicketOrder("演示面馆", " \t", "A12", LUNCH, 3, null, List.of(line("面", 1)), false))
        .withMessage("order number must not be blank");
  }

  @Test
  void anOrderWithoutLinesIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TicketOrder("演示面馆", "A023", "A12", LUNCH, 3, null, List.of(), false))
        .withMessage("order A023 has no lines; a ticket needs at least one");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TicketOrder("演示面馆", "A023", "A12", LUNCH, 3, null, null, false))
        .withMessageContaining("has no lines");
  }

  @Test
  void aQuantityBelowOneIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> line("红烧牛肉面", 0))
        .withMessage("quantity of 红烧牛肉面 must be at least 1, was 0");
    assertThatIllegalArgumentException().isThrownBy(() -> line("红烧牛肉面", -2))
        .withMessage("quantity of 红烧牛肉面 must be at least 1, was -2");
  }

  @Test
  void otherIncompleteInputIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> line(" ", 1)).withMessage("dish name must not be blank");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TicketOrder("演示面馆", "A023", "A12", null, 3, null, List.of(line("面", 1)), false))
        .withMessageContaining("placed");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TicketOrder("演示面馆", "A023", "A12", LUNCH, -1, null, List.of(line("面", 1)), false))
        .withMessageContaining("head count");
    assertThatIllegalArgumentException().isThrownBy(() -> KitchenTicket.render(null, PaperWidth.MM58));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> KitchenTicket.render(order(line("面", 1)), null));
  }

  @Test
  void wideAndFullwidthCharactersCountTwoColumnsAndCombiningMarksNone() {
    assertThat(Columns.width("A1 -")).isEqualTo(4);
    assertThat(Columns.width("面，。【】")).isEqualTo(10);
    assertThat(Columns.width("あア가ㄅ")).isEqualTo(8);
    assertThat(Columns.width("Ａ１！￥")).isEqualTo(8);
    assertThat(Columns.width("𩽾𩾌")).isEqualTo(4);
    assertThat(Columns.width("ｱｲ")).as("halfwidth Katakana").isEqualTo(2);
    assertThat(Columns.width("e\u0301")).as("e and a combining acute accent").isEqualTo(1);
    assertThat(Columns.width("“”…×")).as("punctuation a GB18030 printer prints double width").isEqualTo(8);
  }

  private static TicketLine line(String dish, int quantity, String... choices) {
    return new TicketLine(dish, Arrays.asList(choices), quantity);
  }

  private static TicketOrder order(TicketLine... lines) {
    return new TicketOrder("演示面馆", "A023", "A12", LUNCH, 3, null, List.of(lines), false);
  }

  private static List<String> lines(String ticket) {
    assertThat(ticket).endsWith("\n");
    return List.of(ticket.substring(0, ticket.length() - 1).split("\n", -1));
  }

  /** The lines between the two separators: the dishes, their choices and nothing else. */
  private static List<String> itemBlock(String ticket) {
    List<String> lines = lines(ticket);
    String separator = lines.stream().filter(line -> line.matches("-+")).findFirst().orElseThrow();
    return lines.subList(lines.indexOf(separator) + 1, lines.lastIndexOf(separator));
  }

  /**
   * Columns a line takes on the printer, worked out apart from the code under test: characters of the CJK,
   * kana and Hangul blocks and fullwidth forms count two, combining marks none, everything else one.
   */
  private static int columns(String line) {
    return line.codePoints().map(codePoint -> {
      if (Character.getType(codePoint) == Character.NON_SPACING_MARK) {
        return 0;
      }
      boolean fullwidthForm = (codePoint >= 0xFF01 && codePoint <= 0xFF60)
          || (codePoint >= 0xFFE0 && codePoint <= 0xFFE6);
      return fullwidthForm || WIDE_BLOCKS.contains(Character.UnicodeBlock.of(codePoint)) ? 2 : 1;
    }).sum();
  }
}
