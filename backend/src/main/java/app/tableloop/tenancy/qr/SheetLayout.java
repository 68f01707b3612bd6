package app.tableloop.tenancy.qr;

import java.util.ArrayList;
import java.util.List;

/**
 * Where things go on an A4 portrait page of table codes, in PDF points (1/72 inch) with the origin at the bottom
 * left, as PDF has it.
 *
 * <p>Two columns of three tiles, each about 97 × 90 mm: a card that fits the common 10 × 10 cm acrylic table stand
 * or glues onto a folded tent, with a 55 mm symbol that a phone reads from a seat across the table (still over 5 cm
 * when a printer shrinks the page to fit), and a label large enough for staff to find the right card. The grid is
 * cut apart with three straight trimmer passes. Content keeps 8 mm from the paper's edges and the footer sits 8 mm
 * up, inside what office printers can print.
 */
final class SheetLayout {
  static final int COLUMNS = 2;
  static final int ROWS = 3;
  static final int TILES_PER_PAGE = COLUMNS * ROWS;

  static final float PAGE_WIDTH = mm(210);
  static final float PAGE_HEIGHT = mm(297);
  /** The symbol itself, its own white border trimmed ({@link CodeArtwork}). */
  static final float CODE_SIDE = mm(55);

  private static final float SIDE_MARGIN = mm(8);
  private static final float TOP_MARGIN = mm(8);
  private static final float FOOTER_BAND = mm(18);
  private static final float FOOTER_TEXT_BOTTOM = mm(8);
  private static final float FOOTER_TEXT_HEIGHT = mm(4);
  private static final float PAGE_NUMBER_WIDTH = mm(30);

  /** Clear space between symbol and label: about four modules of a typical table URL's code, as scanners want. */
  private static final float GAP_UNDER_CODE = mm(7);
  private static final float LABEL_HEIGHT = mm(10);
  private static final float GAP_UNDER_LABEL = mm(1);
  private static final float STORE_NAME_HEIGHT = mm(5);
  private static final float TEXT_SIDE_PADDING = mm(6);

  static final float TILE_WIDTH = (PAGE_WIDTH - 2 * SIDE_MARGIN) / COLUMNS;
  static final float TILE_HEIGHT = (PAGE_HEIGHT - TOP_MARGIN - FOOTER_BAND) / ROWS;

  private SheetLayout() {
  }

  static int pages(int tiles) {
    return (tiles + TILES_PER_PAGE - 1) / TILES_PER_PAGE;
  }

  /** The tile at {@code position} on its page, counted left to right, top to bottom from 0. */
  static Box tile(int position) {
    if (position < 0 || position >= TILES_PER_PAGE) {
      throw new IllegalArgumentException("a page holds tiles 0 to " + (TILES_PER_PAGE - 1) + ", not " + position);
    }
    int column = position % COLUMNS;
    int row = position / COLUMNS;
    float top = PAGE_HEIGHT - TOP_MARGIN - row * TILE_HEIGHT;
    return new Box(SIDE_MARGIN + column * TILE_WIDTH, top - TILE_HEIGHT, TILE_WIDTH, TILE_HEIGHT);
  }

  /** The code, the label and the store name, stacked and centred in the tile. */
  static Box code(Box tile) {
    float x = tile.x() + (tile.width() - CODE_SIDE) / 2;
    return new Box(x, blockTop(tile) - CODE_SIDE, CODE_SIDE, CODE_SIDE);
  }

  static Box label(Box tile) {
    return textLine(tile, code(tile).y() - GAP_UNDER_CODE, LABEL_HEIGHT);
  }

  static Box storeName(Box tile) {
    return textLine(tile, label(tile).y() - GAP_UNDER_LABEL, STORE_NAME_HEIGHT);
  }

  static Box footerStoreName() {
    return new Box(SIDE_MARGIN, FOOTER_TEXT_BOTTOM, PAGE_WIDTH - 2 * SIDE_MARGIN - PAGE_NUMBER_WIDTH,
        FOOTER_TEXT_HEIGHT);
  }

  static Box footerPageNumber() {
    return new Box(PAGE_WIDTH - SIDE_MARGIN - PAGE_NUMBER_WIDTH, FOOTER_TEXT_BOTTOM, PAGE_NUMBER_WIDTH,
        FOOTER_TEXT_HEIGHT);
  }

  /** Every line to cut along, as {x1, y1, x2, y2}: the grid's outline and the lines between tiles. */
  static List<float[]> cutLines() {
    float left = SIDE_MARGIN;
    float right = PAGE_WIDTH - SIDE_MARGIN;
    float top = PAGE_HEIGHT - TOP_MARGIN;
    float bottom = FOOTER_BAND;
    List<float[]> lines = new ArrayList<>();
    for (int column = 0; column <= COLUMNS; column++) {
      float x = left + column * TILE_WIDTH;
      lines.add(new float[] {x, bottom, x, top});
    }
    for (int row = 0; row <= ROWS; row++) {
      float y = top - row * TILE_HEIGHT;
      lines.add(new float[] {left, y, right, y});
    }
    return lines;
  }

  private static float blockTop(Box tile) {
    float block = CODE_SIDE + GAP_UNDER_CODE + LABEL_HEIGHT + GAP_UNDER_LABEL + STORE_NAME_HEIGHT;
    return tile.y() + tile.height() - (tile.height() - block) / 2;
  }

  private static Box textLine(Box tile, float top, float height) {
    return new Box(tile.x() + TEXT_SIDE_PADDING, top - height, tile.width() - 2 * TEXT_SIDE_PADDING, height);
  }

  static float mm(float millimetres) {
    return millimetres * 72f / 25.4f;
  }

  /** A rectangle in points; {@code x, y} is its bottom-left corner. */
  record Box(float x, float y, float width, float height) {
  }
}
