package io.mixmo.datasets.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.manifest.ShardEntry;
import io.mixmo.datasets.read.ShardReader;
import io.mixmo.datasets.read.SparkShards;
import io.mixmo.datasets.read.StableIds;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.OutputExistsException;
import io.mixmo.datasets.source.folder.FolderImageSource;
import io.mixmo.datasets.testing.TestData;
import io.mixmo.datasets.testing.TestSpark;
import io.mixmo.worker.data.LabeledImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest of the committed CIFAR-10 JPEG sample with Spark local[2], read back and checked against direct decoding. */
class IngestJobTest {
  private static SparkSession spark;
  private static Configuration hadoop;
  private static Map<String, byte[]> sample;
  private static Manifest manifest;
  private static Path dataset;

  @TempDir static Path shared;
  @TempDir Path tmp;

  @BeforeAll
  static void ingestSample() throws IOException {
    spark = TestSpark.session();
    hadoop = spark.sparkContext().hadoopConfiguration();
    sample = TestData.entries(TestData.SAMPLE);
    dataset = shared.resolve("cifar10-sample");
    FolderImageSource source = new FolderImageSource(TestData.SAMPLE.toAbsolutePath().toUri().toString());
    manifest = IngestJob.run(spark, source, IngestOptions.of(dataset.toUri().toString(), "folder sample").withShards(3));
  }

  @Test
  void countsAndClassesMatchTheSample() {
    assertThat(manifest.classes()).containsExactly(TestData.CIFAR10_CLASSES);
    assertThat(manifest.count("train")).isEqualTo(3000);
    assertThat(manifest.count("test")).isEqualTo(500);
    assertThat(manifest.counts().get("train").perClass()).containsOnly(300L);
    assertThat(manifest.counts().get("test").perClass()).containsOnly(50L);
    assertThat(manifest.shards()).hasSize(6);
    assertThat(manifest.shards().stream().mapToLong(ShardEntry::images).sum()).isEqualTo(3500);
    assertThat(manifest.skipped()).isEmpty();
  }

  @Test
  void everyPixelReadBackEqualsDirectImageIoDecoding() throws IOException {
    Map<Long, String> idOf = new HashMap<>();
    sample.keySet().forEach(name -> idOf.put(StableIds.of(name), name));
    int seen = 0;
    for (ShardEntry e : manifest.shards()) {
      LabeledImages block = ShardReader.read(hadoop, dataset.resolve(e.file()).toUri().toString(), e.split(), manifest);
      assertThat(block.size()).isEqualTo(e.images());
      for (int i = 0; i < block.size(); i++) {
        String name = idOf.get(block.id(i));
        assertThat(name).startsWith(e.split() + "/" + TestData.CIFAR10_CLASSES[block.label(i)] + "/");
        byte[] direct = TestData.decodeDirect(sample.get(name));
        byte[] read = java.util.Arrays.copyOfRange(block.pixels(), block.offset(i), block.offset(i) + direct.length);
        assertThat(read).as(name).isEqualTo(direct);
        seen++;
      }
    }
    assertThat(seen).isEqualTo(sample.size());
  }

  @Test
  void meanAndStdOfTrainMatchADirectComputation() throws IOException {
    double[] sum = new double[3];
    double[] sumSq = new double[3];
    long n = 0;
    for (Map.Entry<String, byte[]> e : sample.entrySet()) {
      if (e.getKey().startsWith("train/")) {
        byte[] px = TestData.decodeDirect(e.getValue());
        for (int i = 0; i < px.length; i++) {
          double v = (px[i] & 0xFF) / 255.0;
          sum[i / 1024] += v;
          sumSq[i / 1024] += v * v;
        }
        n += 1024;
      }
    }
    for (int c = 0; c < 3; c++) {
      double mean = sum[c] / n;
      assertThat(manifest.stats().mean().get(c)).isCloseTo(mean, within(1e-9));
      assertThat(manifest.stats().std().get(c)).isCloseTo(Math.sqrt(sumSq[c] / n - mean * mean), within(1e-9));
    }
    // CIFAR-10's published train mean is (0.4914, 0.4822, 0.4465); a 3,000-image JPEG sample is close.
    assertThat(manifest.stats().mean().get(0)).isCloseTo(0.4914, within(0.02));
    assertThat(manifest.stats().mean().get(2)).isCloseTo(0.4465, within(0.02));
  }

  @Test
  void sha256OfShardsAndSourceMatchADirectHashAndTheManifestOnDiskIsTheOneReturned() throws Exception {
    for (ShardEntry e : manifest.shards()) {
      Path f = dataset.resolve(e.file());
      assertThat(e.sha256()).as(e.file()).isEqualTo(sha256(f));
      assertThat(e.bytes()).isEqualTo(Files.size(f));
    }
    assertThat(manifest.sourceSha256()).containsOnlyKeys("file:" + TestData.SAMPLE.toAbsolutePath());
    assertThat(manifest.sourceSha256().values()).containsExactly(sha256(TestData.SAMPLE));
    assertThat(Manifest.read(hadoop, dataset.toUri().toString())).isEqualTo(manifest);
    try (Stream<Path> siblings = Files.list(shared)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("cifar10-sample");
    }
  }

  @Test
  void sparkShardsGivesOneBlockPerShardHoldingTheSplit() throws IOException {
    // Blocks come back through Kryo (the training driver's serializer), with the datasets registrator.
    assertThat(spark.sparkContext().conf().get("spark.serializer")).endsWith("KryoSerializer");
    List<LabeledImages> blocks = SparkShards.load(spark, dataset.toUri().toString(), "test").collect();
    assertThat(blocks).hasSize(3);
    assertThat(blocks.stream().mapToInt(LabeledImages::size).sum()).isEqualTo(500);
    long[] perClass = new long[10];
    blocks.forEach(b -> java.util.Arrays.stream(b.labels()).forEach(l -> perClass[l]++));
    assertThat(perClass).containsOnly(50L);
    // Round-robin dealing: every shard holds 16 or 17 images of every class (50 = 3 * 16 + 2).
    blocks.forEach(b -> assertThat(java.util.Arrays.stream(b.labels()).filter(l -> l == 3).count()).isBetween(16L, 17L));
  }

  @Test
  void corruptJpegWithFailPolicyLeavesNoOutputAndNoTempDir() throws IOException {
    Path src = tmp.resolve("src");
    TestData.extract(sample, src, n -> n.startsWith("test/") && n.endsWith("000.jpg") || n.endsWith("001.jpg"));
    Files.write(src.resolve("test/cat/0002.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
    Path out = tmp.resolve("out");
    FolderImageSource source = new FolderImageSource(src.toUri().toString());
    assertThatThrownBy(() -> IngestJob.run(spark, source, IngestOptions.of(out.toUri().toString(), "bad")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("test/cat/0002.jpg");
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("src");
    }
  }

  @Test
  void skipPolicyListsSkippedRecordsInTheManifest() throws IOException {
    Path src = tmp.resolve("src");
    TestData.extract(sample, src, n -> n.startsWith("test/") && n.endsWith("00.jpg"));
    Files.write(src.resolve("test/dog/0001.jpg"), new byte[] {9, 9, 9});
    Path out = tmp.resolve("out");
    Manifest m = IngestJob.run(spark, new FolderImageSource(src.toUri().toString()),
        IngestOptions.of(out.toUri().toString(), "skip").withPolicy(BadRecordPolicy.SKIP).withShards(2));
    assertThat(m.count("test")).isEqualTo(10);
    assertThat(m.skipped()).hasSize(1);
    assertThat(m.skipped().get(0).origin()).endsWith("test/dog/0001.jpg");
    assertThat(Manifest.read(hadoop, out.toUri().toString()).skipped()).isEqualTo(m.skipped());
    assertThat(m.sourceSha256()).hasSize(11);
  }

  @Test
  void existingOutputIsKeptWithoutOverwriteAndOnlyADatasetIsReplacedWithIt() throws IOException {
    Path src = tmp.resolve("src");
    TestData.extract(sample, src, n -> n.startsWith("test/") && n.endsWith("0000.jpg"));
    Path out = tmp.resolve("out");
    Files.createDirectories(out.resolve("photos"));
    Files.writeString(out.resolve("keep.txt"), "precious");
    FolderImageSource source = new FolderImageSource(src.toUri().toString());
    IngestOptions o = IngestOptions.of(out.toUri().toString(), "overwrite").withShards(1);
    assertThatThrownBy(() -> IngestJob.run(spark, source, o)).isInstanceOf(OutputExistsException.class)
        .hasMessageContaining("--overwrite");
    assertThat(out.resolve("keep.txt")).hasContent("precious");
    assertThatThrownBy(() -> IngestJob.run(spark, source, o.withOverwrite(true)))
        .isInstanceOf(OutputExistsException.class).hasMessageContaining("is not a dataset (no manifest.json")
        .hasMessageContaining("keep.txt").hasMessageContaining("photos/");
    assertThat(out.resolve("keep.txt")).hasContent("precious");
    Path file = Files.writeString(tmp.resolve("file"), "a file");
    assertThatThrownBy(() -> IngestJob.run(spark, source, IngestOptions.of(file.toUri().toString(), "overwrite")
        .withShards(1).withOverwrite(true))).isInstanceOf(OutputExistsException.class)
        .hasMessageContaining("it is a file");
    assertThat(file).hasContent("a file");
    Files.delete(file);

    Path data = tmp.resolve("data");
    IngestOptions d = IngestOptions.of(data.toUri().toString(), "overwrite").withShards(1);
    IngestJob.run(spark, source, d);
    Files.writeString(data.resolve("stale.txt"), "from the old dataset");
    Manifest m = IngestJob.run(spark, source, d.withOverwrite(true));
    assertThat(m.count("test")).isEqualTo(10);
    assertThat(data.resolve("stale.txt")).doesNotExist();
    assertThat(data.resolve("manifest.json")).exists();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("src", "out", "data");
    }
  }

  static String sha256(Path f) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
  }
}
