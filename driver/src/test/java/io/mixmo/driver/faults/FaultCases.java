package io.mixmo.driver.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.faults.Launcher.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;

/**
 * The table of damaged inputs the fault-injection suite runs the real CLI over (docs/reliability.md, "Reliability").
 * Every case damages a copy of a good input (the committed sample ingested with 2 shards per split; a
 * finished 8-round quickstart run with a checkpoint every 2 rounds) and checks the exit code, the
 * one-line cause naming the file or key, and what is left behind.
 */
final class FaultCases {
  static final String SECRET = "S3CR3T-never-on-disk";
  private static final String FAULTY = "spark.hadoop.fs.faulty.impl=" + FaultyFileSystem.class.getName();

  /** One row of the table and its test. */
  record Case(int number, String input, String command, String exit, String names, String left, Executable body) {
    String row() {
      return "| " + number + " | " + input + " | `" + command + "` | " + exit + " | " + names + " | " + left + " |";
    }
  }

  private final Path work;
  private final Launcher mixmo;
  Path sample;
  Path finished;
  Path images;
  private Run fixtureRun;

  FaultCases(Path work, Launcher mixmo) {
    this.work = work;
    this.mixmo = mixmo;
  }

  /** Ingests the sample and trains the finished run, through the launcher too. */
  void prepare() throws Exception {
    sample = work.resolve("sample");
    Run ingest = mixmo.run("datasets", "ingest", "--source-format", "folder", "--source",
        Launcher.PROJECT.resolve("datasets/sample/cifar10-sample.tar.gz").toString(), "--out", sample.toString(),
        "--shards", "2", "--master", "local[2]");
    assertThat(ingest.exit()).as(ingest.all()).isZero();
    finished = work.resolve("finished");
    fixtureRun = mixmo.run(train(sample, finished.toString(), "--set", "run.checkpoint-every=2", "--set",
        "run.keep-checkpoints=0"));
    assertThat(fixtureRun.exit()).as(fixtureRun.all()).isZero();
    images = Images.extract(work.resolve("images"), 3);
  }

  Run fixtureRun() {
    return fixtureRun;
  }

  /** {@code train} of the quickstart preset, 1 epoch of the 500 test images at B = 16 (8 rounds), local[2]. */
  static String[] train(Path dataset, String runDir, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--preset", "quickstart", "--dataset", dataset.toString(),
        "--run-dir", runDir, "--epochs", "1", "--batch-size", "16", "--set", "data.train-split=test",
        "--master", "local[2]"));
    args.addAll(Arrays.asList(extra));
    return args.toArray(String[]::new);
  }

  private Path dir(int n) throws Exception {
    return Files.createDirectories(work.resolve("case-" + n));
  }

  private Path dataset(int n) throws Exception {
    return Damage.copy(sample, dir(n).resolve("data"));
  }

  List<Case> all() {
    List<Case> all = new ArrayList<>();
    all.addAll(DatasetCases.of(this));
    all.addAll(RunCases.of(this));
    all.addAll(HardeningCases.of(this));
    all.addAll(ModelCases.of(this));
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).number()).as("cases numbered in order").isEqualTo(i + 1);
    }
    return all;
  }

  Launcher mixmo() {
    return mixmo;
  }

  Path caseDir(int n) throws Exception {
    return dir(n);
  }

  Path caseDataset(int n) throws Exception {
    return dataset(n);
  }

  static String faulty() {
    return FAULTY;
  }

  // ---- outcomes ----

  /**
   * The command failed with {@code exit}; the first line of its console output that is not progress
   * or a warning starts with {@code prefix} and names every one of {@code names}; no stack trace on
   * the console; the trace in the driver log when {@code logged}.
   */
  static void failsCleanly(Run r, int exit, String prefix, boolean logged, String... names) throws Exception {
    assertThat(r.exit()).as(r.all()).isEqualTo(exit);
    String first = firstProblemLine(r);
    assertThat(first).as(r.all()).startsWith(prefix);
    for (String name : names) {
      assertThat(first).as(r.all()).contains(name);
    }
    assertQuietConsole(r);
    if (logged) {
      assertThat(r.driverLog()).as("the driver log holds the stack trace").contains("io.mixmo.failure")
          .contains("\tat ");
    }
  }

  static void failsCleanly(Run r, int exit, String prefix, String... names) throws Exception {
    failsCleanly(r, exit, prefix, true, names);
  }

  static String firstProblemLine(Run r) {
    return r.errLines().stream().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d INFO .*") && !l.contains(": warning: "))
        .findFirst().orElse("");
  }

  /** No stack trace, no loopback-hostname warning and no DL4J size-zero warning on the console. */
  static void assertQuietConsole(Run r) {
    assertThat(r.err()).as(r.all()).doesNotContain("resolves to a loopback address")
        .doesNotContain("Assigning a size of zero");
    assertThat(Stream.concat(r.errLines().stream(), r.out().lines())).as(r.all())
        .noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by:") || l.startsWith("Exception in thread"));
  }

  static void succeeds(Run r) {
    assertThat(r.exit()).as(r.all()).isZero();
    assertQuietConsole(r);
  }
}
