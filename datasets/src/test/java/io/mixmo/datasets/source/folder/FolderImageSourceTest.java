package io.mixmo.datasets.source.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.RecordIterator;
import io.mixmo.datasets.source.SourceDescription;
import io.mixmo.datasets.source.SourcePart;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.testing.TestData;
import io.mixmo.worker.data.ImageShape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image-folder source on the committed CIFAR-10 sample and on small folders the tests build. */
class FolderImageSourceTest {
  private static final Configuration HADOOP = new Configuration();
  private static Map<String, byte[]> sample;

  @TempDir Path tmp;

  @BeforeAll
  static void loadSample() throws IOException {
    sample = TestData.entries(TestData.SAMPLE);
  }

  private static List<SourceRecord> readAll(FolderImageSource s, SourcePart p, BadRecordPolicy policy,
      List<io.mixmo.datasets.source.SkippedRecord> skipped) throws IOException {
    List<SourceRecord> out = new ArrayList<>();
    try (RecordIterator it = s.read(HADOOP, p, policy)) {
      it.forEachRemaining(out::add);
      skipped.addAll(it.skipped());
    }
    return out;
  }

  @Test
  void archiveDescribesTheCifar10ClassesAndShapeAndDecodesLikeImageIo() throws IOException {
    FolderImageSource s = new FolderImageSource(TestData.SAMPLE.toAbsolutePath().toUri().toString());
    SourceDescription d = s.describe(HADOOP);
    assertThat(d.classes()).containsExactly(TestData.CIFAR10_CLASSES);
    assertThat(d.shape()).isEqualTo(new ImageShape(3, 32, 32));
    assertThat(d.splits()).containsExactly("test", "train");
    List<SourcePart> parts = s.parts(HADOOP, "test");
    assertThat(parts).hasSize(1);
    List<SourceRecord> records = readAll(s, parts.get(0), BadRecordPolicy.FAIL, new ArrayList<>());
    assertThat(records).hasSize(500);
    for (SourceRecord r : records) {
      assertThat(r.split()).isEqualTo("test");
      assertThat(TestData.CIFAR10_CLASSES[r.label()]).isEqualTo(r.id().split("/")[1]);
      assertThat(r.pixels()).as(r.id()).isEqualTo(TestData.decodeDirect(sample.get(r.id())));
    }
  }

  @Test
  void directoryGivesOnePartPerClassWithStableIdsAndLabels() throws IOException {
    TestData.extract(sample, tmp, n -> n.startsWith("test/") && n.compareTo("test/a") > 0 && n.endsWith("0001.jpg"));
    FolderImageSource s = new FolderImageSource(tmp.toUri().toString());
    SourceDescription d = s.describe(HADOOP);
    assertThat(d.splits()).containsExactly("test");
    List<SourcePart> parts = s.parts(HADOOP, "test");
    assertThat(parts).hasSize(10);
    SourceRecord cat = readAll(s, parts.get(3), BadRecordPolicy.FAIL, new ArrayList<>()).get(0);
    assertThat(cat.id()).isEqualTo("test/cat/0001.jpg");
    assertThat(cat.label()).isEqualTo(3);
    assertThat(cat.pixels()).isEqualTo(TestData.decodeDirect(sample.get("test/cat/0001.jpg")));
  }

  @Test
  void missingClassFolderInASplitIsAnErrorNamingIt() throws IOException {
    TestData.extract(sample, tmp, n -> n.endsWith("/0000.jpg") && !n.equals("test/dog/0000.jpg"));
    FolderImageSource s = new FolderImageSource(tmp.toUri().toString());
    assertThatThrownBy(() -> s.describe(HADOOP)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("split 'test' is missing class folder 'dog'");
  }

  @Test
  void imageOfAnotherShapeIsAnErrorNamingTheFileAndBothShapes() throws IOException {
    TestData.extract(sample, tmp, n -> n.startsWith("train/") && n.endsWith("/0000.jpg"));
    Path odd = tmp.resolve("train/cat/0001.png");
    ImageIO.write(new BufferedImage(16, 24, BufferedImage.TYPE_INT_RGB), "png", odd.toFile());
    FolderImageSource s = new FolderImageSource(tmp.toUri().toString());
    s.describe(HADOOP);
    SourcePart cat = s.parts(HADOOP, "train").get(3);
    assertThatThrownBy(() -> readAll(s, cat, BadRecordPolicy.FAIL, new ArrayList<>()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("train/cat/0001.png")
        .hasMessageContaining("3x32x32")
        .hasMessageContaining("found 3x24x16");
  }

  @Test
  void skipPolicyListsUndecodableFilesAndKeepsTheRest() throws IOException {
    TestData.extract(sample, tmp, n -> n.startsWith("train/cat/000"));
    Files.write(tmp.resolve("train/cat/0003.jpg"), new byte[] {1, 2, 3, 4});
    Files.writeString(tmp.resolve("train/cat/notes.txt"), "not an image");
    FolderImageSource s = new FolderImageSource(tmp.toUri().toString());
    s.describe(HADOOP);
    List<io.mixmo.datasets.source.SkippedRecord> skipped = new ArrayList<>();
    List<SourceRecord> kept = readAll(s, s.parts(HADOOP, "train").get(0), BadRecordPolicy.SKIP, skipped);
    assertThat(kept).extracting(SourceRecord::id).hasSize(9).doesNotContain("train/cat/0003.jpg");
    assertThat(skipped).hasSize(2);
    assertThat(skipped.get(0).origin()).endsWith("train/cat/0003.jpg");
    assertThat(skipped.get(0).reason()).contains("undecodable image");
    assertThat(skipped.get(1).origin()).endsWith("train/cat/notes.txt");
    assertThatThrownBy(() -> readAll(s, s.parts(HADOOP, "train").get(0), BadRecordPolicy.FAIL, new ArrayList<>()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("train/cat/0003.jpg");
  }
}
