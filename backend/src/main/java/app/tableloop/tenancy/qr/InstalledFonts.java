package app.tableloop.tenancy.qr;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks, among the fonts installed on this host, one that can draw a store name or table label. PDF's standard
 * fonts have no Chinese glyphs and the fonts on a server vary, so the sheet's text is drawn with Java2D in whatever
 * installed font can show it. When none can, the characters no font has are left out (the table code itself is
 * usually ASCII and survives) and a warning names the package that fixes it, once.
 */
final class InstalledFonts {
  private static final Logger LOG = LoggerFactory.getLogger(InstalledFonts.class);

  /** Simplified Chinese faces first: their glyph shapes are the ones mainland diners expect. */
  private static final List<String> PREFERRED_FAMILIES = List.of("Noto Sans CJK SC", "Source Han Sans SC",
      "Source Han Sans CN", "Noto Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Noto Sans CJK TC",
      "Source Han Sans TC", "Noto Sans CJK JP", "Noto Sans CJK KR");

  private static final class Host {
    private static final InstalledFonts FONTS = new InstalledFonts(candidates());
  }

  private final List<Font> candidates;
  private final AtomicBoolean warned = new AtomicBoolean();

  InstalledFonts(List<Font> candidates) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no font to choose from");
    }
    this.candidates = List.copyOf(candidates);
  }

  /** The host's fonts, looked up once: the preferred CJK faces, then the JVM's SansSerif, then every other family. */
  static InstalledFonts onThisHost() {
    return Host.FONTS;
  }

  /**
   * The first font that shows all of {@code text}; failing that, the one that shows the most of it, with the text
   * it can show: the rest left out and the gaps closed.
   */
  FontChoice choose(String text) {
    Font best = candidates.get(0);
    int bestShown = -1;
    for (Font font : candidates) {
      if (font.canDisplayUpTo(text) == -1) {
        return new FontChoice(font, text);
      }
      int shown = (int) text.codePoints().filter(font::canDisplay).count();
      if (shown > bestShown) {
        best = font;
        bestShown = shown;
      }
    }
    String shown = displayablePart(best, text);
    if (warned.compareAndSet(false, true)) {
      LOG.warn("No installed font can display \"{}\"; table code sheets leave such characters out. Install a CJK "
          + "font, e.g. the fonts-noto-cjk package on Debian or Ubuntu, and restart.", text);
    }
    return new FontChoice(best, shown);
  }

  private static String displayablePart(Font font, String text) {
    StringBuilder shown = new StringBuilder(text.length());
    text.codePoints().forEach(c -> shown.appendCodePoint(font.canDisplay(c) ? c : ' '));
    return shown.toString().trim().replaceAll("\\s{2,}", " ");
  }

  private static List<Font> candidates() {
    Set<String> installed = new LinkedHashSet<>(
        Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
    List<String> families = new ArrayList<>();
    PREFERRED_FAMILIES.stream().filter(installed::contains).forEach(families::add);
    // The JVM's logical SansSerif falls back across the host's fontconfig fonts, so it covers faces not listed above.
    families.add(Font.SANS_SERIF);
    installed.stream().filter(family -> !families.contains(family)).forEach(families::add);
    return families.stream().map(family -> new Font(family, Font.PLAIN, 1)).toList();
  }

  /** A font and the part of the text it can draw (all of it, unless no installed font could). */
  record FontChoice(Font font, String text) {
  }
}
