package app.tableloop.ordering.ticket;

import java.util.ArrayList;
import java.util.List;

/**
 * Text measured in the columns of a receipt printer's monospaced font, where a Chinese, Japanese or Korean
 * character, or a fullwidth form, fills two columns, and folded into lines of a given width.
 */
final class Columns {
  /**
   * Inclusive code point ranges printed two columns wide, in ascending order: those Unicode's East Asian Width
   * property (UAX #11) classes as Wide or Fullwidth, and a few it calls Ambiguous that Chinese input methods type
   * into dish names and notes (“”, ……, ×, ①) and that a GB18030 receipt printer prints from its double-width font.
   * Counting one of those two where a printer used one costs a column of slack; counting one where it used two
   * would push the line over the edge of the paper.
   */
  private static final int[][] WIDE = {
      {0x00B0, 0x00B0},   // Ambiguous: degree sign
      {0x00B7, 0x00B7},   // Ambiguous: middle dot
      {0x00D7, 0x00D7},   // Ambiguous: multiplication sign
      {0x1100, 0x115F},   // Hangul Jamo, leading consonants
      {0x2014, 0x2014},   // Ambiguous: em dash
      {0x2018, 0x2019},   // Ambiguous: single quotation marks
      {0x201C, 0x201D},   // Ambiguous: double quotation marks
      {0x2026, 0x2026},   // Ambiguous: ellipsis
      {0x203B, 0x203B},   // Ambiguous: reference mark
      {0x2103, 0x2103},   // Ambiguous: degree Celsius
      {0x2460, 0x24FF},   // Ambiguous: circled and parenthesised numbers and letters
      {0x25A0, 0x25FF},   // Ambiguous: geometric shapes
      {0x2605, 0x2606},   // Ambiguous: stars
      {0x2E80, 0x303E},   // CJK and Kangxi radicals, ideographic description, CJK symbols and punctuation
      {0x3041, 0x33FF},   // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, enclosed CJK, CJK compatibility
      {0x3400, 0x4DBF},   // CJK Unified Ideographs Extension A
      {0x4E00, 0x9FFF},   // CJK Unified Ideographs
      {0xA000, 0xA4CF},   // Yi
      {0xA960, 0xA97F},   // Hangul Jamo Extended-A
      {0xAC00, 0xD7A3},   // Hangul syllables
      {0xF900, 0xFAFF},   // CJK Compatibility Ideographs
      {0xFE10, 0xFE19},   // vertical forms
      {0xFE30, 0xFE6F},   // CJK compatibility forms, small form variants
      {0xFF00, 0xFF60},   // fullwidth ASCII and punctuation (the halfwidth Katakana after them stay narrow)
      {0xFFE0, 0xFFE6},   // fullwidth signs such as ￥
      {0x20000, 0x2FFFD}, // CJK Unified Ideographs Extensions B to F, compatibility supplement
      {0x30000, 0x3FFFD}, // CJK Unified Ideographs Extension G onwards
  };

  /**
   * Punctuation that must not begin a line in Chinese typesetting; it stays with the character before it, so that a
   * line never opens with a comma or a closing bracket.
   */
  private static final String CLOSING_PUNCTUATION = "，。、；：？！）】」』》〉〕”’…,.;:!?)]}";

  private Columns() {
  }

  static int width(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      width += width(codePoint);
      i += Character.charCount(codePoint);
    }
    return width;
  }

  static int width(int codePoint) {
    int type = Character.getType(codePoint);
    // Combining accents and invisible format characters print on, or between, the characters around them.
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
      return 0;
    }
    for (int[] range : WIDE) {
      if (codePoint < range[0]) {
        return 1;
      }
      if (codePoint <= range[1]) {
        return 2;
      }
    }
    return 1;
  }

  /**
   * {@code text} on one line, each run of whitespace or control characters made a single space. A line break or
   * tab typed into a note or dish name would otherwise break the ticket's layout on the printer.
   */
  static String singleLine(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || Character.isISOControl(codePoint)) {
        pendingSpace = out.length() > 0;
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.appendCodePoint(codePoint);
    }
    return out.toString();
  }

  /**
   * {@code text} folded into lines of at most {@code columns}, the first starting with {@code firstPrefix}, the
   * others with {@code indent} spaces. Lines break at spaces or next to a wide character, though not before
   * closing punctuation; a run of narrow characters (a Latin word, a number) is split only when it is longer than a
   * whole line. No break falls inside a code point or before a combining mark, and no line ends in a space.
   */
  static List<String> wrap(String firstPrefix, String text, int indent, int columns) {
    if (width(firstPrefix) > columns || indent + 2 > columns) {
      throw new IllegalArgumentException("a prefix or indent leaves no room for text in " + columns + " columns");
    }
    Lines lines = new Lines(firstPrefix, indent, columns);
    for (String word : words(text)) {
      int wordWidth = width(word);
      if (word.equals(" ")) {
        if (!lines.atContentStart() && lines.fits(wordWidth)) {
          lines.append(word, wordWidth);
        } else if (!lines.atContentStart()) {
          lines.breakLine();
        }
      } else if (lines.fits(wordWidth)) {
        lines.append(word, wordWidth);
      } else if (indent + wordWidth <= columns) {
        lines.breakLine();
        lines.append(word, wordWidth);
      } else {
        lines.appendSplitting(word);
      }
    }
    return lines.finish();
  }

  /**
   * Spaces, single wide characters and runs of narrow characters, each with the combining marks and closing
   * punctuation that follow it.
   */
  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean wordIsWide = false;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      int width = width(codePoint);
      if (codePoint == ' ') {
        flush(word, words);
        words.add(" ");
      } else if (word.length() > 0 && CLOSING_PUNCTUATION.indexOf(codePoint) >= 0) {
        word.appendCodePoint(codePoint);
      } else if (width == 2 || (width == 1 && wordIsWide)) {
        flush(word, words);
        word.appendCodePoint(codePoint);
        wordIsWide = width == 2;
      } else {
        word.appendCodePoint(codePoint);
      }
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  /** The lines filled so far and the one being filled. */
  private static final class Lines {
    private final List<String> done = new ArrayList<>();
    private final String indent;
    private final int columns;
    private final StringBuilder line;
    private int used;
    private int contentStart;

    Lines(String firstPrefix, int indent, int columns) {
      this.indent = " ".repeat(indent);
      this.columns = columns;
      this.line = new StringBuilder(firstPrefix);
      this.used = width(firstPrefix);
      this.contentStart = used;
    }

    boolean atContentStart() {
      return used == contentStart;
    }

    boolean fits(int width) {
      return used + width <= columns;
    }

    void append(String text, int width) {
      line.append(text);
      used += width;
    }

    /** Fills the rest of this line with the start of {@code word}, and the lines after it with the rest. */
    void appendSplitting(String word) {
      for (int i = 0; i < word.length(); ) {
        int codePoint = word.codePointAt(i);
        i += Character.charCount(codePoint);
        int width = width(codePoint);
        if (!fits(width)) {
          breakLine();
        }
        line.appendCodePoint(codePoint);
        used += width;
      }
    }

    void breakLine() {
      done.add(line.toString().stripTrailing());
      line.setLength(0);
      line.append(indent);
      used = indent.length();
      contentStart = used;
    }

    List<String> finish() {
      done.add(line.toString().stripTrailing());
      return done;
    }
  }
}
