package io.mixmo.driver.faults;

import static io.mixmo.driver.faults.FaultCases.failsCleanly;
import static io.mixmo.driver.faults.FaultCases.succeeds;
import static io.mixmo.driver.faults.FaultCases.train;
import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.faults.FaultCases.Case;
import io.mixmo.driver.faults.Launcher.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The cases of damaged run directories, models, destinations and secrets (rows 11–21 of the table). */
final class RunCases {
  private static final String TRAIN_CONFIG = "mixmo train: configuration error: ";

  private RunCases() {}

  static List<Case> of(FaultCases f) {
    return List.of(
        new Case(11, "the newest checkpoint's state.bin cut short", "train --resume", "0", "the skipped checkpoint",
            "a finished run (resumed from the checkpoint before)", () -> truncatedCheckpoint(f, 11)),
        new Case(12, "a `_tmp-` checkpoint left by an interrupted write", "train --resume", "0", "(ignored)",
            "a finished run; the temporary removed", () -> temporaryCheckpoint(f, 12)),
        new Case(13, "a model.zip that is not a zip", "evaluate --model; train --init-from", "3", "the model file",
            "no run directory", () -> notAZip(f, 13)),
        new Case(14, "a run directory on a read-only file system", "train", "2", "run.run-dir and the denial",
            "nothing", () -> readOnlyRunDir(f, 14)),
        new Case(15, "a full disk while model.zip is written (a FileSystem failing the write), a secret in --conf",
            "train; train --resume; train --resume --conf", "1; 2; 0", "model.zip and the cause; then the secret's key",
            "no model.zip, no temporary, no evaluation.json, no secret in any file or on the java command line; the"
                + " checkpoints resume to a finished run", () -> diskFull(f, 15)),
        new Case(16, "--overwrite on a folder of other files", "train --overwrite", "2", "run.run-dir and the files",
            "the files, untouched", () -> overwriteForeign(f, 16)),
        new Case(17, "--overwrite of a finished run, with a damaged dataset", "train --overwrite", "3", "the shard",
            "the old run, untouched", () -> overwriteWithBadData(f, 17)),
        new Case(18, "--resume of a finished run", "train --resume", "0", "that the run is finished",
            "the run, untouched (no round trained)", () -> resumeFinished(f, 18)),
        new Case(19, "config.yaml of a run cut in half", "train --resume", "2", "config.yaml", "the run, untouched",
            () -> garbledConfig(f, 19)),
        new Case(20, "a --config file that is a YAML list, not a mapping", "train --config", "2", "the file",
            "no run directory", () -> configNotAMapping(f, 20)),
        new Case(21, "a secret given to --conf and --set, with --print-config", "train --print-config", "0", "(the value"
            + " printed as `*********(redacted)`)", "nothing", () -> printedSecret(f, 21)));
  }

  /** A copy of the finished run without its model and evaluation: stopped after its last checkpoint. */
  private static Path unfinished(FaultCases f, int n) throws Exception {
    Path run = Damage.copy(f.finished, f.caseDir(n).resolve("run"));
    Files.delete(run.resolve("model.zip"));
    Files.delete(run.resolve("evaluation.json"));
    return run;
  }

  private static void truncatedCheckpoint(FaultCases f, int n) throws Exception {
    Path run = unfinished(f, n);
    Damage.truncate(run.resolve("checkpoints/8/state.bin"), 100);
    Run r = f.mixmo().run("train", "--resume", "--run-dir", run.toString(), "--master", "local[2]");
    succeeds(r);
    assertThat(r.out()).contains("skipping checkpoint file:" + run.resolve("checkpoints/8"))
        .contains("from the checkpoint of round 6 ");
    assertThat(run.resolve("model.zip")).exists();
    assertThat(rounds(run)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
  }

  private static void temporaryCheckpoint(FaultCases f, int n) throws Exception {
    Path run = unfinished(f, n);
    Path temp = Files.createDirectories(run.resolve("checkpoints/_tmp-9-0123"));
    Files.write(temp.resolve("state.bin"), new byte[] {1, 2, 3});
    Run r = f.mixmo().run("train", "--resume", "--run-dir", run.toString(), "--master", "local[2]");
    succeeds(r);
    assertThat(r.out()).contains("from the checkpoint of round 8 ");
    assertThat(temp).doesNotExist();
    assertThat(run.resolve("evaluation.json")).exists();
  }

  private static void notAZip(FaultCases f, int n) throws Exception {
    Path model = Files.writeString(f.caseDir(n).resolve("model.zip"), "this is not a zip file");
    Run eval = f.mixmo().run("evaluate", "--model", model.toString(), "--dataset", f.sample.toString(), "--master",
        "local[2]");
    failsCleanly(eval, 3, "mixmo evaluate: input data error: ", model.toString(), "cannot be read");
    Path run = f.caseDir(n).resolve("run");
    Run warm = f.mixmo().run(train(f.sample, run.toString(), "--init-from", model.toString()));
    failsCleanly(warm, 3, "mixmo train: input data error: ", model.toString());
    assertThat(run).doesNotExist();
  }

  private static void readOnlyRunDir(FaultCases f, int n) throws Exception {
    Path run = f.caseDir(n).resolve("run");
    Run r = f.mixmo().run(train(f.sample, "faulty://" + run, "--conf", FaultCases.faulty(), "--conf",
        "spark.hadoop." + FaultyFileSystem.READ_ONLY + "=true"));
    failsCleanly(r, 2, TRAIN_CONFIG, "run.run-dir faulty:" + run, "cannot be created", "Permission denied");
    assertThat(run).doesNotExist();
  }

  private static void diskFull(FaultCases f, int n) throws Exception {
    Path run = f.caseDir(n).resolve("run");
    String secret = "spark.hadoop.fs.s3a.secret.key=" + FaultCases.SECRET;
    Launcher.Started started = f.mixmo().start(train(f.sample, "faulty://" + run, "--conf", FaultCases.faulty(),
        "--conf", "spark.hadoop." + FaultyFileSystem.FULL + "=model.zip", "--conf", secret));
    assertThat(started.awaitErr(l -> l.contains(" round 1/"))).isTrue();
    assertThat(started.javaCommandLines()).as("what ps shows").isNotEmpty()
        .noneMatch(l -> l.contains(FaultCases.SECRET));
    Run r = started.finish();
    failsCleanly(r, 1, "mixmo train: error: ", "could not write faulty:" + run.resolve("model.zip"),
        "No space left on device");
    assertThat(r.err()).contains("keeps its checkpoints: continue it with 'mixmo train --resume");
    assertThat(Damage.names(run)).noneMatch(name -> name.contains("model.zip") || name.startsWith("evaluation"))
        .contains("checkpoints", "config.yaml", "metrics.jsonl", "provenance.json");
    assertThat(Damage.filesContaining(run, FaultCases.SECRET)).as("files holding the secret").isEmpty();

    Run noSecret = f.mixmo().run("train", "--resume", "--run-dir", run.toString(), "--master", "local[2]");
    failsCleanly(noSecret, 2, TRAIN_CONFIG, "spark.hadoop.fs.s3a.secret.key", "give it again");
    Run resumed = f.mixmo().run("train", "--resume", "--run-dir", run.toString(), "--master", "local[2]", "--conf",
        secret);
    succeeds(resumed);
    assertThat(run.resolve("model.zip")).exists();
    assertThat(Damage.filesContaining(run, FaultCases.SECRET)).isEmpty();
  }

  private static void overwriteForeign(FaultCases f, int n) throws Exception {
    Path folder = f.caseDir(n).resolve("photos");
    Files.createDirectories(folder.resolve("2024"));
    Files.writeString(folder.resolve("2024/holiday.jpg"), "a photo");
    Files.writeString(folder.resolve("notes.txt"), "keep");
    Run r = f.mixmo().run(train(f.sample, folder.toString(), "--overwrite"));
    failsCleanly(r, 2, TRAIN_CONFIG, "run.run-dir file:" + folder, "is not a mixmo run directory", "2024/",
        "notes.txt");
    assertThat(folder.resolve("2024/holiday.jpg")).hasContent("a photo");
    assertThat(folder.resolve("notes.txt")).hasContent("keep");
  }

  private static void overwriteWithBadData(FaultCases f, int n) throws Exception {
    Path run = Damage.copy(f.finished, f.caseDir(n).resolve("run"));
    Path data = f.caseDataset(n);
    Path shard = Damage.shard(data, "test", 0);
    Damage.truncate(shard, 100);
    List<String> before = Damage.names(run);
    Run r = f.mixmo().run(train(data, run.toString(), "--overwrite"));
    failsCleanly(r, 3, "mixmo train: input data error: ", shard.getFileName().toString());
    assertThat(Damage.names(run)).isEqualTo(before).contains("model.zip", "evaluation.json");
  }

  private static void resumeFinished(FaultCases f, int n) throws Exception {
    Path run = Damage.copy(f.finished, f.caseDir(n).resolve("run"));
    byte[] metrics = Files.readAllBytes(run.resolve("metrics.jsonl"));
    Run r = f.mixmo().run("train", "--resume", "--run-dir", run.toString(), "--master", "local[2]");
    succeeds(r);
    assertThat(r.out()).contains("file:" + run + " is finished").contains("--init-from");
    assertThat(r.err()).doesNotContain(" round 1/");
    assertThat(Files.readAllBytes(run.resolve("metrics.jsonl"))).isEqualTo(metrics);
  }

  private static void garbledConfig(FaultCases f, int n) throws Exception {
    Path run = Damage.copy(f.finished, f.caseDir(n).resolve("run"));
    Files.delete(run.resolve("model.zip"));
    Path config = run.resolve("config.yaml");
    String text = Files.readString(config);
    Files.writeString(config, text.substring(0, text.indexOf("optimisation:")) + "optimisation:\n  epochs: [\n");
    Damage.dropChecksum(config);
    Run r = f.mixmo().run("train", "--resume", "--run-dir", run.toString(), "--master", "local[2]");
    failsCleanly(r, 2, TRAIN_CONFIG, config.toString(), "is not valid YAML");
    assertThat(Damage.names(run.resolve("checkpoints"))).contains("8");
  }

  private static void configNotAMapping(FaultCases f, int n) throws Exception {
    Path file = Files.writeString(f.caseDir(n).resolve("c.yaml"), "- epochs: 3\n");
    Path run = f.caseDir(n).resolve("run");
    Run r = f.mixmo().run(train(f.sample, run.toString(), "--config", file.toString()));
    failsCleanly(r, 2, TRAIN_CONFIG, file.toString(), "must be a YAML mapping");
    assertThat(run).doesNotExist();
  }

  private static void printedSecret(FaultCases f, int n) throws Exception {
    Run r = f.mixmo().run(train(f.sample, f.caseDir(n).resolve("run").toString(), "--print-config", "--conf",
        "spark.hadoop.fs.s3a.access.key=" + FaultCases.SECRET, "--set",
        "spark.conf.spark.ssl.keyPassword=" + FaultCases.SECRET));
    succeeds(r);
    assertThat(r.out() + r.err()).doesNotContain(FaultCases.SECRET);
    assertThat(r.out()).contains("spark.hadoop.fs.s3a.access.key: '*********(redacted)'")
        .contains("spark.ssl.keyPassword: '*********(redacted)'").contains("master: \"local[2]\"");
  }

  private static List<Long> rounds(Path run) throws Exception {
    return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
        .map(l -> {
          try {
            return Damage.JSON.readTree(l);
          } catch (Exception e) {
            throw new AssertionError(l, e);
          }
        })
        .filter(j -> j.get("type").asText().equals("round")).map(j -> j.get("round").asLong()).toList();
  }
}
