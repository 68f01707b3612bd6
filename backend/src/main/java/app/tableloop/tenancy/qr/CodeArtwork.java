package app.tableloop.tenancy.qr;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.WritableRaster;

/**
 * A code image cut down to its ink. WeChat's codes and plain QR codes come with white borders of different widths
 * (a small QR code can be a third border); cut away, every card prints its symbol at the same, scannable size and
 * the sheet's layout keeps the clear space around it.
 */
final class CodeArtwork {
  /** Darker than this, over white, is ink: dark or saturated code colours are, JPEG noise on white is not. */
  private static final int INK_LUMINANCE = 160;

  private CodeArtwork() {
  }

  /** The smallest part of {@code image} holding all its ink; the image itself when it has none. */
  static BufferedImage trimmedToInk(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
    int left = width;
    int right = -1;
    int top = height;
    int bottom = -1;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (isInk(argb[y * width + x])) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
    if (right < 0) {
      return image;
    }
    return copy(image.getSubimage(left, top, right - left + 1, bottom - top + 1));
  }

  private static boolean isInk(int argb) {
    int alpha = argb >>> 24;
    int red = (argb >> 16) & 0xFF;
    int green = (argb >> 8) & 0xFF;
    int blue = argb & 0xFF;
    int luminance = (299 * red + 587 * green + 114 * blue) / 1000;
    int overWhite = (luminance * alpha + 255 * (255 - alpha)) / 255;
    return overWhite < INK_LUMINANCE;
  }

  /** A standalone image in the source's colour model, so palettes and transparency survive into the PDF. */
  private static BufferedImage copy(BufferedImage part) {
    ColorModel model = part.getColorModel();
    WritableRaster raster = model.createCompatibleWritableRaster(part.getWidth(), part.getHeight());
    part.copyData(raster);
    return new BufferedImage(model, raster, model.isAlphaPremultiplied(), null);
  }
}
