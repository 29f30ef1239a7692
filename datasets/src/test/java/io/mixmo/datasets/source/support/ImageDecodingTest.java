package io.mixmo.datasets.source.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** PNG layouts other than plain RGB decode to the exact pixels written (PNG is lossless). */
class ImageDecodingTest {
  static final int W = 5;
  static final int H = 3;

  static byte[] png(BufferedImage img) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(img, "png", out)).isTrue();
    return out.toByteArray();
  }

  @Test
  void rgbaPaletteAndSixteenBitGrayDecodeExactly() throws Exception {
    BufferedImage rgba = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
    byte[] r = {10, 20, 30};
    byte[] g = {40, 50, 60};
    byte[] b = {70, 80, (byte) 200};
    BufferedImage indexed = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 3, r, g, b));
    BufferedImage gray16 = new BufferedImage(W, H, BufferedImage.TYPE_USHORT_GRAY);
    byte[] expectRgba = new byte[3 * W * H];
    byte[] expectIndexed = new byte[3 * W * H];
    byte[] expectGray = new byte[W * H];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int at = y * W + x;
        rgba.setRGB(x, y, 0x80 << 24 | (x * 40) << 16 | (y * 70) << 8 | (x + y));
        expectRgba[at] = (byte) (x * 40);
        expectRgba[W * H + at] = (byte) (y * 70);
        expectRgba[2 * W * H + at] = (byte) (x + y);
        int k = (x + y) % 3;
        indexed.getRaster().setSample(x, y, 0, k);
        expectIndexed[at] = r[k];
        expectIndexed[W * H + at] = g[k];
        expectIndexed[2 * W * H + at] = b[k];
        gray16.getRaster().setSample(x, y, 0, (at * 17) << 8 | 0xAB);
        expectGray[at] = (byte) (at * 17);
      }
    }
    assertThat(ImageDecoding.decode(png(rgba), 3, H, W, "rgba.png")).isEqualTo(expectRgba);
    assertThat(ImageDecoding.decode(png(indexed), 3, H, W, "indexed.png")).isEqualTo(expectIndexed);
    assertThat(ImageDecoding.decode(png(gray16), 1, H, W, "gray16.png")).isEqualTo(expectGray);
  }

  @Test
  void colourImageIsRefusedWhenOneChannelIsExpected() throws Exception {
    BufferedImage rgb = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    assertThatThrownBy(() -> ImageDecoding.decode(png(rgb), 1, H, W, "c.png")).isInstanceOf(BadRecord.class)
        .hasMessage("c.png: expected a grayscale image (1 channel), found 3 colour components");
  }
}
