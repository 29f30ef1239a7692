package io.mixmo.datasets.source.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.folder.ImageDecoder;
import io.mixmo.datasets.testing.JpegFixtures;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * JPEGs that ImageIO alone gets wrong, made in the test: a CMYK (4-component) JPEG is refused with a
 * message naming the file and the fix; an EXIF orientation is applied (each of the eight, checked by
 * where a bright quadrant ends up and by the displayed size), in big- and little-endian EXIF.
 */
class JpegImagesTest {
  static final int W = 16;
  static final int H = 8;

  /** A W×H RGB JPEG, bright (255) where x < 8 and y < 4, dark elsewhere. */
  static byte[] quadrantJpeg() {
    return JpegFixtures.rgb(W, H, (x, y) -> x < 8 && y < 4 ? 0xFFFFFF : 0x000000);
  }

  /** Mean of channel 0 over one quadrant of a C×h×w image. */
  static double quadrantMean(byte[] chw, int h, int w, boolean right, boolean bottom) {
    double sum = 0;
    int n = 0;
    for (int y = bottom ? h / 2 : 0; y < (bottom ? h : h / 2); y++) {
      for (int x = right ? w / 2 : 0; x < (right ? w : w / 2); x++) {
        sum += chw[y * w + x] & 0xff;
        n++;
      }
    }
    return sum / n;
  }

  @Test
  void everyExifOrientationIsAppliedSoTheImageIsUprightWithItsDisplayedSize() throws Exception {
    byte[] stored = quadrantJpeg();
    // where the bright top-left quadrant of the stored image is displayed: {right, bottom}
    boolean[][] bright = {null, {false, false}, {true, false}, {true, true}, {false, true}, {false, false},
        {true, false}, {true, true}, {false, true}};
    for (int o = 1; o <= 8; o++) {
      for (boolean little : new boolean[] {false, true}) {
        byte[] jpeg = JpegFixtures.withOrientation(stored, o, little);
        assertThat(JpegFacts.of(jpeg).orientation()).isEqualTo(o);
        BufferedImage img = ImageDecoding.read(jpeg, "o" + o + ".jpg");
        boolean swap = o >= 5;
        int w = swap ? H : W;
        int h = swap ? W : H;
        assertThat(img.getWidth()).as("orientation " + o + " width").isEqualTo(w);
        assertThat(img.getHeight()).as("orientation " + o + " height").isEqualTo(h);
        byte[] chw = ImageDecoding.decode(jpeg, 3, h, w, "o" + o + ".jpg");
        for (boolean right : new boolean[] {false, true}) {
          for (boolean bottom : new boolean[] {false, true}) {
            double mean = quadrantMean(chw, h, w, right, bottom);
            boolean lit = right == bright[o][0] && bottom == bright[o][1];
            assertThat(mean).as("orientation " + o + (little ? " II" : " MM") + " quadrant right=" + right
                + " bottom=" + bottom).isGreaterThan(lit ? 200 : -1).isLessThan(lit ? 256 : 55);
          }
        }
      }
    }
    assertThat(ImageDecoder.shapeOf(ImageDecoder.decode(JpegFixtures.withOrientation(stored, 6, false), "p.jpg")))
        .as("the size a folder ingest reports: height and width as displayed")
        .isEqualTo(new io.mixmo.worker.data.ImageShape(3, W, H));
    assertThatThrownBy(() -> ImageDecoding.decode(JpegFixtures.withOrientation(stored, 8, false), 3, H, W, "sideways.jpg"))
        .isInstanceOf(BadRecord.class).hasMessageContaining("expected 8x16 (height x width), found 16x8");
  }

  @Test
  void aMissingOrDamagedExifSaysAsStored() throws Exception {
    byte[] stored = quadrantJpeg();
    assertThat(JpegFacts.of(stored)).isEqualTo(new JpegFacts(3, -1, 1));
    byte[] zero = JpegFixtures.withOrientation(stored, 0, false);
    assertThat(JpegFacts.of(zero).orientation()).as("out of range").isEqualTo(1);
    byte[] cut = java.util.Arrays.copyOf(JpegFixtures.withOrientation(stored, 6, false), 30);
    assertThat(JpegFacts.of(cut).orientation()).as("truncated inside the segment").isEqualTo(1);
    assertThat(JpegFacts.of(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).isEqualTo(JpegFacts.NONE);
    assertThat(JpegFacts.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, (byte) 0xFF, (byte) 0xFF}))
        .as("a length past the end").isEqualTo(new JpegFacts(-1, -1, 1));
  }

  @Test
  void aCmykJpegIsRefusedNamingTheFileAndTheFix() throws Exception {
    byte[] cmyk = JpegFixtures.cmyk(8, 8);
    assertThat(JpegFacts.of(cmyk).components()).isEqualTo(4);
    assertThatThrownBy(() -> ImageDecoding.read(cmyk, "scan.jpg")).isInstanceOf(BadRecord.class)
        .hasMessageStartingWith("scan.jpg: a CMYK JPEG (4 colour components) is not supported")
        .hasMessageContaining("convert it to RGB");
    assertThatThrownBy(() -> ImageDecoder.decode(cmyk, "file:/photos/scan.jpg")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("file:/photos/scan.jpg").hasMessageContaining("CMYK");
    assertThat(new JpegFacts(4, 2, 1).colourName()).isEqualTo("YCCK");
  }
}
