package io.mixmo.driver.faults;

import static io.mixmo.driver.faults.FaultCases.failsCleanly;
import static io.mixmo.driver.faults.FaultCases.train;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixmo.driver.faults.FaultCases.Case;
import io.mixmo.driver.faults.Launcher.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The cases of damaged datasets and image files (rows 1–10 of the table). */
final class DatasetCases {
  private static final String TRAIN_INPUT = "mixmo train: input data error: ";
  private static final String NO_RUN = "no run directory";

  private DatasetCases() {}

  static List<Case> of(FaultCases f) {
    return List.of(
        new Case(1, "a shard cut to 100 bytes (`truncate -s 100`)", "train", "3", "the shard, its size and the"
            + " recorded one", NO_RUN, () -> truncatedShard(f, 1)),
        new Case(2, "a shard deleted", "train", "3", "the shard", NO_RUN, () -> deletedShard(f, 2)),
        new Case(3, "manifest.json edited to claim 1x32x32 images", "train", "3", "manifest.json, the shape, the shard",
            NO_RUN, () -> otherShape(f, 3)),
        new Case(4, "manifest.json missing", "train", "3", "manifest.json", NO_RUN, () -> missingManifest(f, 4)),
        new Case(5, "manifest.json cut in half (not JSON)", "train", "3", "manifest.json", NO_RUN,
            () -> garbledManifest(f, 5)),
        new Case(6, "a label outside [0, classes) (10 of 10 classes), shard size and sha256 recorded to match",
            "train", "3", "the shard and the label range", NO_RUN, () -> labelOutOfRange(f, 6)),
        new Case(7, "one bit of a shard flipped (size kept)", "train --verify-data full; datasets verify; datasets"
            + " inspect", "3", "the shard and its sha256", "no run directory, no contact sheet", () -> flippedBit(f, 7)),
        new Case(8, "a test shard truncated while the run trains (after round 1)", "train", "3", "the shard (first"
            + " line, no Spark trace)", "nothing (the run had no checkpoint); the same command is not refused",
            () -> damagedMidRun(f, 8)),
        new Case(9, "an undecodable image and a 0-byte image among the files", "predict --images", "3", "the file",
            "no --output", () -> badImages(f, 9)),
        new Case(10, "a 0-byte image in an image folder", "datasets ingest", "3", "the file", "no --out",
            () -> emptyImageIngest(f, 10)));
  }

  private static void refusedBeforeTraining(FaultCases f, int n, Path data, String... names) throws Exception {
    Path run = f.caseDir(n).resolve("run");
    Run r = f.mixmo().run(train(data, run.toString()));
    failsCleanly(r, 3, TRAIN_INPUT, names);
    assertThat(run).as("no run directory").doesNotExist();
  }

  private static void truncatedShard(FaultCases f, int n) throws Exception {
    Path data = f.caseDataset(n);
    Path shard = Damage.shard(data, "test", 1);
    long size = Files.size(shard);
    Damage.truncate(shard, 100);
    refusedBeforeTraining(f, n, data, shard.getFileName().toString(), "is 100 bytes, manifest.json records " + size);
  }

  private static void deletedShard(FaultCases f, int n) throws Exception {
    Path data = f.caseDataset(n);
    Path shard = Damage.shard(data, "test", 0);
    Damage.delete(shard);
    refusedBeforeTraining(f, n, data, shard.getFileName().toString(), "is missing");
  }

  private static void otherShape(FaultCases f, int n) throws Exception {
    Path data = f.caseDataset(n);
    Damage.editManifest(data, m -> ((ObjectNode) m.get("shape")).put("channels", 1));
    refusedBeforeTraining(f, n, data, "manifest.json gives images of shape 1x32x32", "part-0000");
  }

  private static void missingManifest(FaultCases f, int n) throws Exception {
    Path data = f.caseDataset(n);
    Damage.delete(data.resolve("manifest.json"));
    refusedBeforeTraining(f, n, data, "dataset not found", data.resolve("manifest.json") + " does not exist");
  }

  private static void garbledManifest(FaultCases f, int n) throws Exception {
    Path data = f.caseDataset(n);
    Path manifest = data.resolve("manifest.json");
    Damage.truncate(manifest, Files.size(manifest) / 2);
    refusedBeforeTraining(f, n, data, manifest.toString(), "is not a valid manifest");
  }

  private static void labelOutOfRange(FaultCases f, int n) throws Exception {
    Path data = f.caseDataset(n);
    Path shard = Damage.shard(data, "test", 1);
    Damage.relabelFirstImage(data, shard, 10);
    refusedBeforeTraining(f, n, data, shard.getFileName().toString(), "..10 but manifest.json has 10 classes",
        "labels must be in [0, 10)");
  }

  private static void flippedBit(FaultCases f, int n) throws Exception {
    Path data = f.caseDataset(n);
    Path shard = Damage.shard(data, "train", 0);
    Damage.flipMiddle(shard);
    Path run = f.caseDir(n).resolve("run");
    Run full = f.mixmo().run(train(data, run.toString(), "--verify-data", "full"));
    failsCleanly(full, 3, TRAIN_INPUT, shard.getFileName().toString(), "has sha256", "its content changed");
    assertThat(run).doesNotExist();
    Run verify = f.mixmo().run("datasets", "verify", data.toString());
    failsCleanly(verify, 3, "error: bad input: ", false, shard.getFileName().toString(), "its content changed");
    Path png = f.caseDir(n).resolve("sheet.png");
    Run inspect = f.mixmo().run("datasets", "inspect", data.toString(), "--split", "test", "--png", png.toString());
    failsCleanly(inspect, 3, "error: bad input: ", false, shard.getFileName().toString());
    assertThat(png).doesNotExist();
  }

  private static void damagedMidRun(FaultCases f, int n) throws Exception {
    Path data = f.caseDataset(n);
    Path run = f.caseDir(n).resolve("run");
    Path shard = Damage.shard(data, "test", 1);
    String[] args = train(data, run.toString(), "--set", "run.checkpoint-every=0");
    Launcher.Started started = f.mixmo().start(args);
    assertThat(started.awaitErr(l -> l.contains(" round 1/"))).as("training started").isTrue();
    Damage.truncate(shard, 1000); // the test split is read at the first evaluation, after training started
    Run r = started.finish();
    failsCleanly(r, 3, TRAIN_INPUT, "shard " + shard, "is damaged");
    assertThat(r.err()).contains("removed file:" + run + ": the run failed before its first checkpoint");
    assertThat(run).as("nothing left").doesNotExist();
    Run again = f.mixmo().run(args);
    failsCleanly(again, 3, TRAIN_INPUT, shard.getFileName().toString(), "is 1000 bytes");
    assertThat(again.err()).doesNotContain("is not empty");
  }

  private static void badImages(FaultCases f, int n) throws Exception {
    for (String[] bad : List.of(new String[] {"broken.jpg", "garbage"}, new String[] {"empty.png", ""})) {
      Path folder = Images.withFile(f.images, f.caseDir(n).resolve("images-" + bad[0]), bad[0],
          bad[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Path output = f.caseDir(n).resolve("predictions-" + bad[0]);
      Run r = f.mixmo().run("predict", "--model", f.finished.toString(), "--images", folder.toString(), "--output",
          output.toString(), "--master", "local[2]");
      failsCleanly(r, 3, "mixmo predict: input data error: ", bad[0], "--on-bad-record skip");
      assertThat(output).as("no half-written predictions").doesNotExist();
    }
  }

  private static void emptyImageIngest(FaultCases f, int n) throws Exception {
    Path folder = f.caseDir(n).resolve("folder");
    Files.createDirectories(folder.resolve("train/cat"));
    Files.createDirectories(folder.resolve("test/cat"));
    Files.copy(f.images.resolve("image-0.jpg"), folder.resolve("train/cat/a.jpg"));
    Files.copy(f.images.resolve("image-1.jpg"), folder.resolve("test/cat/b.jpg"));
    Files.write(folder.resolve("train/cat/empty.jpg"), new byte[0]);
    Path out = f.caseDir(n).resolve("ingested");
    Run r = f.mixmo().run("datasets", "ingest", "--source-format", "folder", "--source", folder.toString(), "--out",
        out.toString(), "--master", "local[2]");
    failsCleanly(r, 3, "error: bad input: ", false, "empty.jpg");
    assertThat(out).as("nothing that looks like a dataset").doesNotExist();
  }
}
