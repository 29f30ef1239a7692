package io.mixmo.datasets.source.tiny;

import static io.mixmo.datasets.source.support.Fixtures.hadoop;
import static io.mixmo.datasets.source.support.Fixtures.readSplit;
import static io.mixmo.datasets.source.support.Fixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.SourceDescription;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.source.support.Fixtures.SplitRead;
import io.mixmo.worker.data.ImageShape;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Tiny ImageNet folder made by the test: JPEGs and PNGs written by ImageIO, grayscale included. */
class TinyImageNetSourceTest {
  static final int S = 64;

  @TempDir Path dir;
  Path root;

  static BufferedImage rgb(int seed, int size) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        img.setRGB(x, y, ((seed * 40 + x * 3) & 0xFF) << 16 | ((y * 4 + seed) & 0xFF) << 8 | ((x + y + seed * 9) & 0xFF));
      }
    }
    return img;
  }

  static BufferedImage gray(int seed, int size) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        img.getRaster().setSample(x, y, 0, (seed * 11 + x * 2 + y) & 0xFF);
      }
    }
    return img;
  }

  /** C×H×W bytes of what ImageIO decodes from {@code file}, gray replicated to 3 planes. */
  static byte[] imageIoChw(Path file) throws Exception {
    BufferedImage img = ImageIO.read(file.toFile());
    Raster r = img.getRaster();
    int plane = img.getWidth() * img.getHeight();
    byte[] out = new byte[3 * plane];
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        for (int c = 0; c < 3; c++) {
          out[c * plane + y * img.getWidth() + x] = (byte) r.getSample(x, y, r.getNumBands() == 1 ? 0 : c);
        }
      }
    }
    return out;
  }

  /** Exact C×H×W bytes of an RGB image made in memory (for lossless PNG). */
  static byte[] knownChw(BufferedImage img) {
    int plane = img.getWidth() * img.getHeight();
    byte[] out = new byte[3 * plane];
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int at = y * img.getWidth() + x;
        out[at] = (byte) (rgb >> 16);
        out[plane + at] = (byte) (rgb >> 8);
        out[2 * plane + at] = (byte) rgb;
      }
    }
    return out;
  }

  static void write(BufferedImage img, String format, Path file) throws Exception {
    Files.createDirectories(file.getParent());
    assertThat(ImageIO.write(img, format, file.toFile())).isTrue();
  }

  @BeforeEach
  void layout() throws Exception {
    root = dir.resolve("tiny-imagenet-200");
    Files.createDirectories(root);
    Files.writeString(root.resolve("wnids.txt"), "n02000002\nn01000001\nn03000003\n");
    Files.writeString(root.resolve("words.txt"),
        "n00000000\tentity\nn01000001\tgoldfish, Carassius auratus\nn02000002\tsalamander\n");
    for (String wnid : List.of("n01000001", "n02000002", "n03000003")) {
      for (int i = 0; i < 2; i++) {
        write(rgb(i + wnid.charAt(2), S), "jpeg", root.resolve("train/" + wnid + "/images/" + wnid + "_" + i + ".JPEG"));
      }
      Files.writeString(root.resolve("train/" + wnid + "/" + wnid + "_boxes.txt"), "ignored");
    }
    write(gray(5, S), "jpeg", root.resolve("train/n02000002/images/n02000002_2.JPEG"));
    write(rgb(7, S), "png", root.resolve("train/n03000003/images/n03000003_9.png"));
    write(rgb(8, S), "jpeg", root.resolve("val/images/val_0.JPEG"));
    write(gray(9, S), "jpeg", root.resolve("val/images/val_1.JPEG"));
    write(rgb(10, S), "png", root.resolve("val/images/val_2.png"));
    Files.writeString(root.resolve("val/val_annotations.txt"),
        "val_0.JPEG\tn03000003\t0\t0\t10\t10\nval_1.JPEG\tn01000001\t1\t2\t3\t4\nval_2.png\tn02000002\t0\t0\t5\t5\n");
  }

  @Test
  void readsTrainAndValWithSortedWnidsAndDecodedPixels() throws Exception {
    TinyImageNetSource source = new TinyImageNetSource(uri(dir));
    SourceDescription d = source.describe(hadoop());
    assertThat(d.classes()).containsExactly("goldfish, Carassius auratus", "salamander", "n03000003");
    assertThat(d.shape()).isEqualTo(new ImageShape(3, 64, 64));
    assertThat(d.splits()).containsExactly("train", "val");

    // Part URIs are files (the ingest hashes every one of them): the images, after the annotations for val.
    assertThat(source.parts(hadoop(), "train")).hasSize(3).flatExtracting(p -> p.uris())
        .hasSize(8).allSatisfy(u -> assertThat(Path.of(java.net.URI.create(u))).isRegularFile());
    assertThat(source.parts(hadoop(), "val")).singleElement().satisfies(p -> {
      assertThat(p.uris()).hasSize(4);
      assertThat(p.uris().get(0)).endsWith("val/val_annotations.txt");
    });

    SplitRead train = readSplit(source, "train", BadRecordPolicy.FAIL);
    assertThat(train.records()).extracting(SourceRecord::id).containsExactly(
        "tiny-imagenet/train/n01000001/n01000001_0.JPEG", "tiny-imagenet/train/n01000001/n01000001_1.JPEG",
        "tiny-imagenet/train/n02000002/n02000002_0.JPEG", "tiny-imagenet/train/n02000002/n02000002_1.JPEG",
        "tiny-imagenet/train/n02000002/n02000002_2.JPEG", "tiny-imagenet/train/n03000003/n03000003_0.JPEG",
        "tiny-imagenet/train/n03000003/n03000003_1.JPEG", "tiny-imagenet/train/n03000003/n03000003_9.png");
    assertThat(train.records()).extracting(SourceRecord::label).containsExactly(0, 0, 1, 1, 1, 2, 2, 2);
    for (SourceRecord r : train.records()) {
      Path file = root.resolve(r.id().substring("tiny-imagenet/".length()).replaceFirst("/(n\\d+)/", "/$1/images/"));
      assertThat(r.pixels()).as(r.id()).isEqualTo(imageIoChw(file));
    }
    // PNG is lossless: the pixels are exactly the image that was written.
    assertThat(train.records().get(7).pixels()).isEqualTo(knownChw(rgb(7, S)));

    List<SourceRecord> val = readSplit(source, "val", BadRecordPolicy.FAIL).records();
    assertThat(val).extracting(SourceRecord::id).containsExactly(
        "tiny-imagenet/val/val_0.JPEG", "tiny-imagenet/val/val_1.JPEG", "tiny-imagenet/val/val_2.png");
    assertThat(val).extracting(SourceRecord::label).containsExactly(2, 0, 1);
    assertThat(val.get(2).pixels()).isEqualTo(knownChw(rgb(10, S)));
  }

  @Test
  void grayscaleJpegBecomesThreeEqualPlanesOfItsStoredValues() throws Exception {
    TinyImageNetSource source = new TinyImageNetSource(uri(root));
    SourceRecord g = readSplit(source, "val", BadRecordPolicy.FAIL).records().get(1);
    Raster stored = ImageIO.read(root.resolve("val/images/val_1.JPEG").toFile()).getRaster();
    assertThat(stored.getNumBands()).isEqualTo(1);
    int plane = S * S;
    for (int at = 0; at < plane; at++) {
      int v = stored.getSample(at % S, at / S, 0);
      assertThat(g.pixels()[at] & 0xFF).isEqualTo(v);
      assertThat(g.pixels()[plane + at] & 0xFF).isEqualTo(v);
      assertThat(g.pixels()[2 * plane + at] & 0xFF).isEqualTo(v);
    }
  }

  @Test
  void badImagesAndAnnotationsAreNamedOrSkipped() throws Exception {
    Files.writeString(root.resolve("train/n01000001/images/n01000001_5.JPEG"), "not a jpeg");
    write(rgb(3, 32), "png", root.resolve("train/n01000001/images/n01000001_6.png"));
    TinyImageNetSource source = new TinyImageNetSource(uri(root));
    assertThatThrownBy(() -> readSplit(source, "train", BadRecordPolicy.FAIL)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("n01000001_5.JPEG: undecodable image");
    SplitRead train = readSplit(source, "train", BadRecordPolicy.SKIP);
    assertThat(train.records()).hasSize(8);
    assertThat(train.skipped()).extracting(s -> s.reason()).satisfiesExactly(
        r -> assertThat(r).contains("undecodable image", "expected JPEG or PNG"),
        r -> assertThat(r).isEqualTo("image of inconsistent size: expected 64x64 (height x width), found 32x32"));

    Files.writeString(root.resolve("val/val_annotations.txt"),
        "val_0.JPEG\tn09999999\t0\t0\t1\t1\nval_1.JPEG\tn01000001\t0\t0\t1\t1\nval_7.JPEG\tn01000001\t0\t0\t1\t1\n");
    assertThatThrownBy(() -> readSplit(source, "val", BadRecordPolicy.FAIL))
        .hasMessageContaining("val_annotations.txt#line=1")
        .hasMessageContaining("wnid n09999999 is not in wnids.txt");
    SplitRead val = readSplit(source, "val", BadRecordPolicy.SKIP);
    assertThat(val.records()).extracting(SourceRecord::id).containsExactly("tiny-imagenet/val/val_1.JPEG");
    assertThat(val.skipped()).hasSize(2);
    assertThat(val.skipped().get(1).reason()).contains("missing image file listed at").contains("#line=3");
  }

  @Test
  void missingClassFolderOrWnidsFileIsNamed() throws Exception {
    Files.writeString(root.resolve("wnids.txt"), "n02000002\nn01000001\nn03000003\nn04000004\n");
    TinyImageNetSource source = new TinyImageNetSource(uri(root));
    assertThatThrownBy(() -> source.parts(hadoop(), "train")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("missing class folder ").hasMessageContaining("train/n04000004/images for wnid n04000004");
    Files.delete(root.resolve("wnids.txt"));
    assertThatThrownBy(() -> source.describe(hadoop())).hasMessageContaining("has no wnids.txt");
  }
}
