package io.mixmo.datasets.inspect;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.manifest.ShardEntry;
import io.mixmo.datasets.read.ShardReader;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A PNG contact sheet of a dataset: one row per class (labelled with its name), the first
 * {@code perClass} images of that class in shard order, each scaled up by an integer factor
 * (nearest neighbour) so small images can be seen. Driver/tool side; reads shards until every
 * class has its images.
 *
 * <p>Geometry: width = {@value #LABEL_WIDTH} + perClass · (scale·W + {@value #GAP}) + {@value #GAP},
 * height = {@value #TITLE_HEIGHT} + classes · (scale·H + {@value #GAP}) + {@value #GAP}.
 */
public final class ContactSheet {
  public static final int LABEL_WIDTH = 120;
  public static final int TITLE_HEIGHT = 24;
  public static final int GAP = 4;

  private ContactSheet() {}

  /** Integer scale making the larger image side at least 96 px (1 for images already that large). */
  public static int defaultScale(ImageShape shape) {
    return Math.max(1, (96 + Math.max(shape.height(), shape.width()) - 1) / Math.max(shape.height(), shape.width()));
  }

  /** The first {@code perClass} images of each class of {@code split}, per class, in shard order. */
  public static List<List<byte[]>> pick(Configuration hadoop, String datasetUri, Manifest m, String split, int perClass)
      throws IOException {
    List<List<byte[]>> picked = new ArrayList<>();
    m.classes().forEach(c -> picked.add(new ArrayList<>()));
    int size = m.shape().size();
    int full = 0;
    for (ShardEntry e : m.shardsOf(split)) {
      LabeledImages b = ShardReader.read(hadoop, new Path(new Path(datasetUri), e.file()).toString(), split, m);
      for (int i = 0; i < b.size() && full < m.numClasses(); i++) {
        List<byte[]> row = picked.get(b.label(i));
        if (row.size() < perClass) {
          row.add(java.util.Arrays.copyOfRange(b.pixels(), b.offset(i), b.offset(i) + size));
          full += row.size() == perClass ? 1 : 0;
        }
      }
      if (full == m.numClasses()) {
        break;
      }
    }
    return picked;
  }

  /** Draws the sheet: title, one labelled row per class, scaled images. */
  public static BufferedImage render(String title, List<String> classes, ImageShape shape, List<List<byte[]>> images,
      int perClass, int scale) {
    int cw = shape.width() * scale;
    int ch = shape.height() * scale;
    BufferedImage sheet = new BufferedImage(LABEL_WIDTH + perClass * (cw + GAP) + GAP,
        TITLE_HEIGHT + classes.size() * (ch + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
      g.drawString(title, GAP, TITLE_HEIGHT - 8);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      for (int c = 0; c < classes.size(); c++) {
        int y = TITLE_HEIGHT + c * (ch + GAP);
        g.drawString(c + " " + classes.get(c), GAP, y + ch / 2 + 5);
        for (int k = 0; k < images.get(c).size(); k++) {
          paint(sheet, images.get(c).get(k), shape, scale, LABEL_WIDTH + k * (cw + GAP), y);
        }
      }
    } finally {
      g.dispose();
    }
    return sheet;
  }

  /** Copies one C×H×W uint8 image (1 channel = grey, 3 = RGB) into the sheet at (x0, y0), each pixel scale×scale. */
  static void paint(BufferedImage sheet, byte[] chw, ImageShape shape, int scale, int x0, int y0) {
    int plane = shape.height() * shape.width();
    for (int y = 0; y < shape.height(); y++) {
      for (int x = 0; x < shape.width(); x++) {
        int p = y * shape.width() + x;
        int r = chw[p] & 0xFF;
        int gr = shape.channels() >= 3 ? chw[plane + p] & 0xFF : r;
        int b = shape.channels() >= 3 ? chw[2 * plane + p] & 0xFF : r;
        int rgb = (r << 16) | (gr << 8) | b;
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            sheet.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
          }
        }
      }
    }
  }

  /** Writes {@code image} as PNG to any Hadoop URI (overwriting). */
  public static void writePng(Configuration hadoop, BufferedImage image, String uri) throws IOException {
    Path path = new Path(uri);
    try (OutputStream out = path.getFileSystem(hadoop).create(path, true)) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer in this Java runtime");
      }
    }
  }
}
