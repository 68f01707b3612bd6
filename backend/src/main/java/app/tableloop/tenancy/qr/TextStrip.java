package app.tableloop.tenancy.qr;

import app.tableloop.tenancy.qr.InstalledFonts.FontChoice;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.image.BufferedImage;

/**
 * One line of text drawn into a white bitmap the size of its box, at print resolution: the font as large as
 * the box's height allows, smaller if the text would not fit its width. A bitmap, because PDFBox embeds only fonts
 * with TrueType outlines, from a file Java2D does not reveal, while the usual Chinese faces (Noto Sans CJK, Source
 * Han Sans) have CFF outlines; Java2D draws any font the host has. At 600 dpi the text prints as crisp as type.
 */
final class TextStrip {
  static final int DPI = 600;

  enum Align { LEFT, CENTRE, RIGHT }

  private TextStrip() {
  }

  /**
   * @param widthPt  the box's width in points
   * @param heightPt the box's height in points
   * @param grey     the text's shade, 0 black to 255 white
   */
  static BufferedImage draw(FontChoice choice, boolean bold, int grey, Align align, float widthPt, float heightPt) {
    int width = Math.max(1, Math.round(widthPt * DPI / 72f));
    int height = Math.max(1, Math.round(heightPt * DPI / 72f));
    // RGB, not TYPE_BYTE_GRAY: Java's grey images are linear, and their greys would print paler than asked for.
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      String text = choice.text();
      if (text.isEmpty()) {
        return image;
      }
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      FontRenderContext context = g.getFontRenderContext();

      Font unit = choice.font().deriveFont(bold ? Font.BOLD : Font.PLAIN, 100f);
      LineMetrics unitLine = unit.getLineMetrics(text, context);
      float unitHeight = unitLine.getAscent() + unitLine.getDescent();
      float unitWidth = (float) unit.getStringBounds(text, context).getWidth();
      float size = 100f * Math.min(height / unitHeight, width / unitWidth);
      Font font = unit.deriveFont(size);

      LineMetrics line = font.getLineMetrics(text, context);
      float textWidth = (float) font.getStringBounds(text, context).getWidth();
      float x = switch (align) {
        case LEFT -> 0;
        case CENTRE -> (width - textWidth) / 2;
        case RIGHT -> width - textWidth;
      };
      float baseline = (height - line.getAscent() - line.getDescent()) / 2 + line.getAscent();
      g.setFont(font);
      g.setColor(new Color(grey, grey, grey));
      g.drawString(text, x, baseline);
      return image;
    } finally {
      g.dispose();
    }
  }
}
