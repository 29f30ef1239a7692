package io.mixmo.driver.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.datasets.source.support.ImageResize;
import io.mixmo.worker.data.ImageShape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageFilePixelsTest {
  private static final ImageShape RGB_4X4 = new ImageShape(3, 4, 4);

  private static byte[] png(int height, int width, int type) throws Exception {
    BufferedImage img = new BufferedImage(width, height, type);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.getRaster().setSample(x, y, 0, (17 * x + 31 * y) % 256);
        if (img.getRaster().getNumBands() == 3) {
          img.getRaster().setSample(x, y, 1, (5 * x) % 256);
          img.getRaster().setSample(x, y, 2, 200);
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  @Test
  void anImageOfTheModelsSizeIsDecodedAsIngestDecodesIt() throws Exception {
    byte[] px = ImageFilePixels.read(png(4, 4, BufferedImage.TYPE_3BYTE_BGR), RGB_4X4, false, "a.png");
    assertThat(px).hasSize(48);
    // red plane = band 0, green = band 1, blue constant 200 (C x H x W)
    assertThat(px[1 * 4 + 2] & 0xFF).isEqualTo(17 * 2 + 31);
    assertThat(px[16 + 3] & 0xFF).isEqualTo(15);
    assertThat(px[32 + 5] & 0xFF).isEqualTo(200);
  }

  @Test
  void anotherSizeIsRefusedNamingTheFileUnlessResizing() throws Exception {
    byte[] big = png(8, 6, BufferedImage.TYPE_3BYTE_BGR);
    assertThatThrownBy(() -> ImageFilePixels.read(big, RGB_4X4, false, "hdfs://nn/photos/x.png"))
        .isInstanceOf(BadRecord.class).hasMessageContaining("hdfs://nn/photos/x.png")
        .hasMessageContaining("image is 8x6").hasMessageContaining("takes 4x4: pass --resize");
    byte[] native8x6 = ImageFilePixels.read(big, new ImageShape(3, 8, 6), false, "x.png");
    assertThat(ImageFilePixels.read(big, RGB_4X4, true, "x.png"))
        .containsExactly(ImageResize.resize(native8x6, 3, 8, 6, 4, 4));
  }

  @Test
  void grayscaleIsReplicatedAndUndecodableOrEmptyFilesAreBadRecords() throws Exception {
    byte[] px = ImageFilePixels.read(png(4, 4, BufferedImage.TYPE_BYTE_GRAY), RGB_4X4, false, "g.png");
    for (int i = 0; i < 16; i++) {
      assertThat(px[i]).isEqualTo(px[16 + i]).isEqualTo(px[32 + i]);
    }
    assertThatThrownBy(() -> ImageFilePixels.read(new byte[] {1, 2, 3}, RGB_4X4, false, "bad.jpg"))
        .isInstanceOf(BadRecord.class).hasMessageContaining("bad.jpg").hasMessageContaining("undecodable");
    assertThatThrownBy(() -> ImageFilePixels.read(new byte[0], RGB_4X4, false, "empty.jpg"))
        .isInstanceOf(BadRecord.class).hasMessageContaining("empty.jpg: empty file");
  }
}
