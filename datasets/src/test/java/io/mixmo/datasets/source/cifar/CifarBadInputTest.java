package io.mixmo.datasets.source.cifar;

import static io.mixmo.datasets.source.support.Fixtures.hadoop;
import static io.mixmo.datasets.source.support.Fixtures.readSplit;
import static io.mixmo.datasets.source.support.Fixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.source.support.Fixtures;
import io.mixmo.datasets.source.support.Fixtures.SplitRead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad CIFAR input names the file, the record (and byte offset) and what was expected. */
class CifarBadInputTest {
  @TempDir Path dir;

  private Path writeAll(Map<String, byte[]> files) throws Exception {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
    }
    return dir;
  }

  @Test
  void truncatedLastRecordFailsWithOffsetOrIsSkipped() throws Exception {
    Map<String, byte[]> files = CifarSourceTest.cifar10Files();
    byte[] batch3 = files.get("data_batch_3.bin"); // 4 records
    files.put("data_batch_3.bin", Arrays.copyOf(batch3, 3 * 3073 + 100));
    writeAll(files);
    CifarSource source = new CifarSource(uri(dir), CifarVariant.CIFAR10);

    assertThatThrownBy(() -> readSplit(source, "train", BadRecordPolicy.FAIL))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("data_batch_3.bin#record=3")
        .hasMessageContaining("record 3 at byte offset 9219 is incomplete: expected 3073 bytes, found 100");

    SplitRead read = readSplit(source, "train", BadRecordPolicy.SKIP);
    assertThat(read.records()).hasSize(11);
    assertThat(read.records()).extracting(SourceRecord::id).doesNotContain("cifar10/train/data_batch_3/3")
        .contains("cifar10/train/data_batch_3/2", "cifar10/train/data_batch_4/0");
    assertThat(read.skipped()).singleElement().satisfies(s -> {
      assertThat(s.origin()).endsWith("data_batch_3.bin#record=3");
      assertThat(s.reason()).contains("expected 3073 bytes, found 100");
    });
  }

  @Test
  void labelOutOfRangeFailsOrIsSkipped() throws Exception {
    Map<String, byte[]> files = CifarSourceTest.cifar10Files();
    files.get("data_batch_2.bin")[3073] = 12; // record 1's label byte
    writeAll(files);
    CifarSource source = new CifarSource(uri(dir), CifarVariant.CIFAR10);

    assertThatThrownBy(() -> readSplit(source, "train", BadRecordPolicy.FAIL))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("data_batch_2.bin#record=1")
        .hasMessageContaining("label out of range in record 1 at byte offset 3073: expected a label in [0, 10), found 12");
    SplitRead read = readSplit(source, "train", BadRecordPolicy.SKIP);
    assertThat(read.records()).hasSize(11);
    assertThat(read.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("found 12"));
  }

  @Test
  void missingBatchFileIsNamed() throws Exception {
    Map<String, byte[]> files = CifarSourceTest.cifar10Files();
    files.remove("data_batch_4.bin");
    writeAll(files);
    CifarSource source = new CifarSource(uri(dir), CifarVariant.CIFAR10);
    assertThatThrownBy(() -> source.describe(hadoop())).isInstanceOf(BadInputException.class)
        .hasMessageContaining("has no data_batch_4.bin (split train expects data_batch_1.bin, data_batch_2.bin");
    assertThatThrownBy(() -> source.parts(hadoop(), "train")).hasMessageContaining("has no data_batch_4.bin");
  }

  @Test
  void wrongNumberOfClassNamesIsRefused() throws Exception {
    Map<String, byte[]> files = CifarSourceTest.cifar10Files();
    files.put("batches.meta.txt", "airplane\nautomobile\n".getBytes());
    writeAll(files);
    assertThatThrownBy(() -> new CifarSource(uri(dir), CifarVariant.CIFAR10).describe(hadoop()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("batches.meta.txt: expected 10 class names, one per line, found 2");
  }

  @Test
  void archiveWithoutTestBatchOrNotGzipIsRefused() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    CifarSourceTest.cifar10Files().forEach((n, b) -> entries.put("cifar-10-batches-bin/" + n, b));
    entries.remove("cifar-10-batches-bin/test_batch.bin");
    Path archive = dir.resolve("cifar-10-binary.tar.gz");
    Fixtures.tarGz(archive, entries);
    CifarSource source = new CifarSource(uri(archive), CifarVariant.CIFAR10);
    assertThatThrownBy(() -> source.describe(hadoop())).isInstanceOf(BadInputException.class)
        .hasMessageContaining("cifar-10-binary.tar.gz has no entry test_batch.bin (split test expects test_batch.bin)");
    assertThatThrownBy(() -> readSplit(source, "test", BadRecordPolicy.SKIP)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("has no entry test_batch.bin");

    Path notGzip = dir.resolve("broken.tar.gz");
    Files.writeString(notGzip, "this is not gzip");
    assertThatThrownBy(() -> new CifarSource(uri(notGzip), CifarVariant.CIFAR10).describe(hadoop()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("broken.tar.gz is not a gzipped tar archive");
  }

  @Test
  void truncatedRecordInsideArchiveIsNamedByEntry() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    CifarSourceTest.cifar10Files().forEach((n, b) -> entries.put("cifar-10-batches-bin/" + n, b));
    entries.put("cifar-10-batches-bin/test_batch.bin", Arrays.copyOf(entries.get("cifar-10-batches-bin/test_batch.bin"), 3073 + 5));
    Path archive = dir.resolve("c.tar.gz");
    Fixtures.tarGz(archive, entries);
    assertThatThrownBy(() -> readSplit(new CifarSource(uri(archive), CifarVariant.CIFAR10), "test", BadRecordPolicy.FAIL))
        .hasMessageContaining("c.tar.gz!/cifar-10-batches-bin/test_batch.bin#record=1")
        .hasMessageContaining("expected 3073 bytes, found 5");
  }

  @Test
  void coarseLabelsForCifar10AreRefused() {
    assertThatThrownBy(() -> new CifarSource("file:/x", CifarVariant.CIFAR10, CifarLabels.COARSE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found COARSE");
  }

  @Test
  void truncatedArchiveIsNamedAsCorrupt() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    CifarSourceTest.cifar10Files().forEach((n, b) -> entries.put("cifar-10-batches-bin/" + n, b));
    Path archive = dir.resolve("cut.tar.gz");
    Fixtures.tarGz(archive, entries);
    byte[] all = Files.readAllBytes(archive);
    Files.write(archive, Arrays.copyOf(all, all.length * 2 / 3));
    assertThatThrownBy(() -> readSplit(new CifarSource(uri(archive), CifarVariant.CIFAR10), "train", BadRecordPolicy.SKIP))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("cut.tar.gz")
        .hasMessageContaining("corrupt or truncated compressed data");
  }
}
