package io.mixmo.driver.faults;

import static io.mixmo.driver.faults.FaultCases.failsCleanly;
import static io.mixmo.driver.faults.FaultCases.succeeds;
import static io.mixmo.driver.faults.FaultCases.train;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixmo.datasets.testing.JpegFixtures;
import io.mixmo.driver.faults.FaultCases.Case;
import io.mixmo.driver.faults.Launcher.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The cases of the second hardening round (rows 22–26 of the table): connector secrets, a promotion
 * pointer that names another file and a promoted model changed after promotion, a manifest naming a
 * shard outside its dataset, CMYK JPEGs and EXIF-rotated photos.
 */
final class HardeningCases {
  private static final String AZURE_KEY = "spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net";
  private static final String GCS_KEY = "spark.hadoop.google.cloud.auth.service.account.private.key";

  private HardeningCases() {}

  static List<Case> of(FaultCases f) {
    return List.of(
        new Case(22, "an Azure account key given to --conf and a GCS private key to --set spark.conf.*",
            "train; train --print-config", "0", "(the values printed as `*********(redacted)`)",
            "no secret in any file of the run (config.yaml, provenance.json, report.html) or on the java command line",
            () -> connectorSecrets(f, 22)),
        new Case(23, "a promotion pointer naming `../stash/model.zip` (that file's sha256) while the run's"
            + " model.zip was replaced; then the pointer restored", "evaluate --model-root; evaluate --model-root;"
            + " train --model-root; predict --model-root", "3", "the pointer file; then the run's model.zip and its"
            + " sha256", "no new run, no predictions", () -> promotedModelTampered(f, 23)),
        new Case(24, "manifest.json naming a shard `../other/shards/...` outside the dataset", "datasets verify; train",
            "3", "manifest.json and the path", "no run directory", () -> shardOutsideDataset(f, 24)),
        new Case(25, "a CMYK JPEG among the images", "datasets ingest; predict --images", "3", "the file, CMYK and"
            + " the fix", "no --out, no --output", () -> cmykJpeg(f, 25)),
        new Case(26, "photos stored 32 wide, 16 high with EXIF orientation 6 (to be turned upright)",
            "datasets ingest", "0", "(nothing)", "a dataset of shape 3x32x16 (height 32, width 16: as displayed)",
            () -> rotatedPhotos(f, 26)));
  }

  private static void connectorSecrets(FaultCases f, int n) throws Exception {
    Path run = f.caseDir(n).resolve("run");
    String[] secrets = {"--conf", AZURE_KEY + "=" + FaultCases.SECRET, "--set",
        "spark.conf." + GCS_KEY + "=-----BEGIN PRIVATE KEY-----" + FaultCases.SECRET};
    Launcher.Started started = f.mixmo().start(train(f.sample, run.toString(), secrets));
    assertThat(started.awaitErr(l -> l.contains(" round 1/"))).isTrue();
    assertThat(started.javaCommandLines()).as("what ps shows").isNotEmpty()
        .noneMatch(l -> l.contains(FaultCases.SECRET));
    Run r = started.finish();
    succeeds(r);
    assertThat(r.out() + r.err()).doesNotContain(FaultCases.SECRET);
    assertThat(run.resolve("report.html")).exists();
    assertThat(Damage.filesContaining(run, FaultCases.SECRET)).as("files holding the secret").isEmpty();
    assertThat(Files.readString(run.resolve("config.yaml"))).contains(AZURE_KEY + ": '*********(redacted)'")
        .contains(GCS_KEY + ": '*********(redacted)'");
    Run printed = f.mixmo().run(train(f.sample, f.caseDir(n).resolve("other").toString(), "--print-config",
        secrets[0], secrets[1], secrets[2], secrets[3]));
    succeeds(printed);
    assertThat(printed.out() + printed.err()).doesNotContain(FaultCases.SECRET);
    assertThat(printed.out()).contains(AZURE_KEY + ": '*********(redacted)'");
  }

  private static void promotedModelTampered(FaultCases f, int n) throws Exception {
    Path root = f.caseDir(n).resolve("root");
    Run first = f.mixmo().run("train", "--preset", "quickstart", "--dataset", f.sample.toString(), "--model-root",
        root.toString(), "--epochs", "1", "--batch-size", "16", "--set", "data.train-split=test", "--set",
        "promotion.min-top1=0", "--master", "local[2]");
    succeeds(first);
    Path runDir;
    try (var runs = Files.list(root.resolve("runs"))) {
      runDir = runs.findFirst().orElseThrow();
    }
    Path model = runDir.resolve("model.zip");
    Path stash = Files.createDirectories(f.caseDir(n).resolve("stash")).resolve("model.zip");
    Files.copy(model, stash);
    Files.copy(f.finished.resolve("model.zip"), model, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Damage.dropChecksum(model);
    Path pointer = root.resolve("promoted/generation-1.json");
    ObjectNode json = (ObjectNode) Damage.JSON.readTree(pointer.toFile());
    String own = json.get("model").asText();
    json.put("model", "../stash/model.zip");
    Files.write(pointer, Damage.JSON.writeValueAsBytes(json));
    Damage.dropChecksum(pointer);

    Run bypass = f.mixmo().run("evaluate", "--model-root", root.toString(), "--master", "local[2]");
    failsCleanly(bypass, 3, "mixmo evaluate: input data error: ", pointer.toString(), "'../stash/model.zip'",
        "not its own run's " + own);

    json.put("model", own);
    Files.write(pointer, Damage.JSON.writeValueAsBytes(json));
    Run changed = f.mixmo().run("evaluate", "--model-root", root.toString(), "--master", "local[2]");
    failsCleanly(changed, 3, "mixmo evaluate: input data error: ", model.toString(), "has sha256",
        "it was changed");
    Run warm = f.mixmo().run("train", "--preset", "quickstart", "--dataset", f.sample.toString(), "--model-root",
        root.toString(), "--epochs", "1", "--master", "local[2]");
    failsCleanly(warm, 3, "mixmo train: input data error: ", model.toString(), "has sha256");
    try (var runs = Files.list(root.resolve("runs"))) {
      assertThat(runs.toList()).as("no new run").containsExactly(runDir);
    }
    Path output = f.caseDir(n).resolve("predictions");
    Run predict = f.mixmo().run("predict", "--model-root", root.toString(), "--images", f.images.toString(),
        "--output", output.toString(), "--master", "local[2]");
    failsCleanly(predict, 3, "mixmo predict: input data error: ", model.toString(), "has sha256");
    assertThat(output).doesNotExist();
  }

  private static void shardOutsideDataset(FaultCases f, int n) throws Exception {
    Path data = f.caseDataset(n);
    Path shard = Damage.shard(data, "test", 0);
    String listed = data.relativize(shard).toString();
    Path other = Files.createDirectories(f.caseDir(n).resolve("other/shards"));
    Files.copy(shard, other.resolve(shard.getFileName()));
    String outside = "../other/shards/" + shard.getFileName();
    Damage.editManifest(data, m -> {
      for (JsonNode s : m.get("shards")) {
        if (s.get("file").asText().equals(listed)) {
          ((ObjectNode) s).put("file", outside);
        }
      }
    });
    Run verify = f.mixmo().run("datasets", "verify", data.toString());
    failsCleanly(verify, 3, "error: bad input: ", false, data.resolve("manifest.json").toString(), outside,
        "is not a path inside the dataset's folder");
    Path run = f.caseDir(n).resolve("run");
    Run r = f.mixmo().run(train(data, run.toString()));
    failsCleanly(r, 3, "mixmo train: input data error: ", "manifest.json", outside);
    assertThat(run).doesNotExist();
  }

  private static void cmykJpeg(FaultCases f, int n) throws Exception {
    byte[] cmyk = JpegFixtures.cmyk(32, 32);
    Path folder = f.caseDir(n).resolve("folder");
    Files.createDirectories(folder.resolve("train/cat"));
    Files.createDirectories(folder.resolve("test/cat"));
    Files.copy(f.images.resolve("image-0.jpg"), folder.resolve("train/cat/a.jpg"));
    Files.copy(f.images.resolve("image-1.jpg"), folder.resolve("test/cat/b.jpg"));
    Files.write(folder.resolve("train/cat/scan.jpg"), cmyk);
    Path out = f.caseDir(n).resolve("ingested");
    Run ingest = f.mixmo().run("datasets", "ingest", "--source-format", "folder", "--source", folder.toString(),
        "--out", out.toString(), "--master", "local[2]");
    failsCleanly(ingest, 3, "error: bad input: ", false, "scan.jpg", "CMYK JPEG", "convert it to RGB");
    assertThat(out).doesNotExist();
    // the CMYK file alone: one task, so no sibling task is killed mid-write (Spark logs that with a trace)
    Path images = Files.createDirectories(f.caseDir(n).resolve("images"));
    Files.write(images.resolve("scan.jpg"), cmyk);
    Path output = f.caseDir(n).resolve("predictions");
    Run predict = f.mixmo().run("predict", "--model", f.finished.toString(), "--images", images.toString(),
        "--output", output.toString(), "--master", "local[2]");
    failsCleanly(predict, 3, "mixmo predict: input data error: ", "scan.jpg", "CMYK JPEG");
    assertThat(output).doesNotExist();
  }

  /** A 32×16 (as stored) RGB JPEG, grey {@code shade} in its left half, with EXIF orientation 6 (displayed 16×32). */
  private static byte[] oriented(int shade) {
    int grey = shade << 16 | shade << 8 | shade;
    return JpegFixtures.withOrientation(JpegFixtures.rgb(32, 16, (x, y) -> x < 16 ? grey : 0x202020), 6, false);
  }

  private static void rotatedPhotos(FaultCases f, int n) throws Exception {
    Path folder = f.caseDir(n).resolve("folder");
    int i = 0;
    for (String split : List.of("train", "test")) {
      for (String label : List.of("bright", "dark")) {
        Path dir = Files.createDirectories(folder.resolve(split).resolve(label));
        for (int k = 0; k < 2; k++) {
          Files.write(dir.resolve("photo-" + i++ + ".jpg"), oriented(label.equals("bright") ? 250 : 60));
        }
      }
    }
    Path out = f.caseDir(n).resolve("ingested");
    Run ingest = f.mixmo().run("datasets", "ingest", "--source-format", "folder", "--source", folder.toString(),
        "--out", out.toString(), "--master", "local[2]");
    succeeds(ingest);
    JsonNode shape = Damage.manifest(out).get("shape");
    assertThat(shape.get("height").asInt()).as(shape.toString()).isEqualTo(32);
    assertThat(shape.get("width").asInt()).as(shape.toString()).isEqualTo(16);
  }
}
