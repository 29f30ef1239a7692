package io.mixmo.datasets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.testing.TestData;
import io.mixmo.datasets.testing.TestSpark;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The datasets commands end to end (shared local[2] session): ingest, inspect's contact sheet, help and exit codes. */
class DatasetsCliTest {
  private static Map<String, byte[]> sample;
  @TempDir Path tmp;

  @BeforeAll
  static void setUp() throws IOException {
    TestSpark.session();
    sample = TestData.entries(TestData.SAMPLE);
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = DatasetsCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path smallFolder() throws IOException {
    Path src = tmp.resolve("src");
    TestData.extract(sample, src, n -> n.startsWith("test/") && (n.endsWith("/0000.jpg") || n.endsWith("/0001.jpg")));
    return src;
  }

  @Test
  void ingestThenInspectWritesALabelledContactSheetOfTheExpectedSizeAndPixels() throws IOException {
    Path out = tmp.resolve("ds");
    Run ingest = run("ingest", "--source-format", "folder", "--source", smallFolder().toUri().toString(),
        "--out", out.toUri().toString(), "--shards", "1");
    assertThat(ingest.code()).as(ingest.err()).isZero();
    assertThat(ingest.out()).contains("test=20");
    Path png = tmp.resolve("sheet.png");
    Run inspect = run("inspect", out.toUri().toString(), "--split", "test", "--per-class", "2", "--png",
        png.toUri().toString());
    assertThat(inspect.code()).as(inspect.err()).isZero();
    assertThat(inspect.out()).contains("cat").contains("mean/std").contains("contact sheet 324x1028 px");
    BufferedImage sheet = ImageIO.read(png.toFile());
    // 120 px labels + 2 images of 32*3 px + gaps of 4; 24 px title + 10 rows of 96 px + gaps of 4.
    assertThat(sheet.getWidth()).isEqualTo(120 + 2 * (96 + 4) + 4);
    assertThat(sheet.getHeight()).isEqualTo(24 + 10 * (96 + 4) + 4);
    byte[] cat = TestData.decodeDirect(sample.get("test/cat/0000.jpg"));
    int x0 = 120;
    int y0 = 24 + 3 * (96 + 4);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        int p = y * 32 + x;
        int rgb = ((cat[p] & 0xFF) << 16) | ((cat[1024 + p] & 0xFF) << 8) | (cat[2048 + p] & 0xFF);
        assertThat(sheet.getRGB(x0 + 3 * x + 2, y0 + 3 * y + 1) & 0xFFFFFF).isEqualTo(rgb);
      }
    }
    int inked = 0;
    for (int y = y0; y < y0 + 96; y++) {
      for (int x = 0; x < 120; x++) {
        inked += (sheet.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
      }
    }
    assertThat(inked).as("label 'cat' drawn beside its row").isGreaterThan(20);
  }

  @Test
  void exitCodesAreTwoForUsageAndThreeForBadInput() throws IOException {
    Path src = smallFolder();
    assertThat(run("ingest", "--source-format", "folder", "--source", src.toString()).code()).isEqualTo(2);
    Run unknown = run("ingest", "--source-format", "nope", "--source", src.toString(), "--out", tmp.resolve("a").toString());
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("--source-format must be one of [").contains("folder").contains("cifar10");
    assertThat(run("ingest", "--source-format", "folder", "--source", src.toString(), "--out", tmp.resolve("b").toString(),
        "--on-bad-record", "maybe").code()).isEqualTo(2);
    Files.createDirectories(tmp.resolve("exists"));
    Run exists = run("ingest", "--source-format", "folder", "--source", src.toString(), "--out",
        tmp.resolve("exists").toString());
    assertThat(exists.code()).isEqualTo(2);
    assertThat(exists.err()).contains("already exists; pass --overwrite");
    Files.write(src.resolve("test/frog/0000.jpg"), new byte[] {7, 7});
    Run bad = run("ingest", "--source-format", "folder", "--source", src.toString(), "--out", tmp.resolve("c").toString());
    assertThat(bad.code()).as(bad.err()).isEqualTo(3);
    assertThat(bad.err()).contains("test/frog/0000.jpg");
    assertThat(tmp.resolve("c")).doesNotExist();
    Run missing = run("inspect", tmp.resolve("nothing").toString());
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).contains("dataset not found").contains("manifest.json does not exist");
  }

  @Test
  void verifyAndInspectExitThreeNamingADamagedShardThatInspectWouldNotRead() throws IOException {
    Path out = tmp.resolve("ds3");
    Path src = tmp.resolve("src3");
    TestData.extract(sample, src, n -> n.matches("(train|test)/[a-z]+/000[01]\\.jpg"));
    assertThat(run("ingest", "--source-format", "folder", "--source", src.toUri().toString(), "--out",
        out.toString(), "--shards", "1").code()).isZero();
    Run ok = run("verify", out.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("2 shards").contains("match manifest.json (full: size, Parquet footer, labels,"
        + " image shape, sha256)");
    Path shard = out.resolve(Manifest.read(new Configuration(), out.toString()).shardsOf("test").get(0).file());
    byte[] bytes = Files.readAllBytes(shard);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(shard, bytes);
    Files.delete(shard.resolveSibling("." + shard.getFileName() + ".crc"));
    Run full = run("verify", out.toString());
    assertThat(full.code()).isEqualTo(3);
    assertThat(full.out()).contains("problem: " + shard.toUri().toString().replace("file:///", "file:/"))
        .contains("its content changed").contains("1 problems against manifest.json");
    assertThat(run("verify", "--level", "fast", out.toString()).code()).isZero();
    // inspect of another split reads no pixel of that shard, yet refuses the dataset
    Run inspect = run("inspect", out.toString(), "--split", "train", "--png", tmp.resolve("s.png").toString());
    assertThat(inspect.code()).isEqualTo(3);
    assertThat(inspect.err()).contains(shard.getFileName().toString()).contains("its content changed");
    assertThat(tmp.resolve("s.png")).doesNotExist();
    assertThat(run("verify", "--level", "thorough", out.toString()).err()).contains("--level must be fast or full");
  }

  @Test
  void helpShowsDefaults() {
    Run help = run("ingest", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--shards").contains("Default: 16").contains("Default: fail");
    assertThat(run("--help").out()).contains("ingest").contains("inspect");
    assertThat(run().code()).isEqualTo(2);
  }

  @Test
  void manifestOfACliIngestRecordsTheSourceAndVersion() throws IOException {
    Path out = tmp.resolve("ds2");
    String src = smallFolder().toUri().toString();
    assertThat(run("ingest", "--source-format", "folder", "--source", src, "--out", out.toString(), "--shards", "2",
        "--on-bad-record", "skip").code()).isZero();
    Manifest m = Manifest.read(new Configuration(), out.toString());
    assertThat(m.provenance().source()).isEqualTo("folder " + src);
    assertThat(m.provenance().badRecordPolicy()).isEqualTo("skip");
    assertThat(m.provenance().toolVersion()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(m.shards()).hasSize(2);
  }
}
