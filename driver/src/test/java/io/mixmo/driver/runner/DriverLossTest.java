package io.mixmo.driver.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixmo.driver.run.Checkpoint;
import io.mixmo.driver.run.RunDirectory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Driver loss: {@code mixmo train} runs as its own JVM ({@code io.mixmo.driver.Main} from the test
 * classpath) and is killed (SIGKILL) once its first checkpoint is complete; a checkpoint directory
 * whose state is cut short (as an upload to a store without atomic rename would leave it) and a
 * leftover temporary are added; then {@code train --resume} finishes the run. Its final model
 * parameters and last checkpoint must be bit-identical to an uninterrupted run's, and its
 * metrics.jsonl must hold each round once.
 */
class DriverLossTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The test split (500 images) as training data keeps this cheap: K=2, B=16, b=2 -> 31 steps, k=4 -> 8 rounds/epoch. */
  private static final List<String> RUN = List.of("--preset", "quickstart", "--epochs", "2", "--batch-size", "16",
      "--set", "data.train-split=test", "--set", "run.checkpoint-every=2", "--set", "run.keep-checkpoints=0",
      "--set", "run.evaluate-every-epoch=false");
  private static final int TOTAL_ROUNDS = 16;

  @TempDir Path tmp;

  @Test
  void killedDriverResumesToTheSameFinalParametersAndSkipsABrokenCheckpoint() throws Exception {
    String dataset = SampleDataset.get().toString();
    Path interrupted = tmp.resolve("interrupted");
    Process child = startChild(train(dataset, interrupted));
    long killedAfter = killAfterFirstCheckpoint(child, interrupted);
    assertThat(killedAfter).as("killed mid-run").isLessThan(TOTAL_ROUNDS);
    assertThat(interrupted.resolve(RunDirectory.MODEL)).doesNotExist();
    long broken = breakNextCheckpoint(interrupted, killedAfter);

    Cli resume = new Cli();
    List<String> args = new ArrayList<>(List.of("train", "--resume", "--run-dir", interrupted.toString()));
    args.addAll(Cli.SPARK);
    assertThat(resume.run(args.toArray(String[]::new))).as(resume.output()).isZero();
    assertThat(resume.out.toString()).contains("from the checkpoint of round " + killedAfter + " ").doesNotContain("round " + broken + " ");

    Path straight = tmp.resolve("straight");
    Cli once = new Cli();
    assertThat(once.run(train(dataset, straight).toArray(String[]::new))).as(once.output()).isZero();

    assertThat(params(interrupted)).as("final parameters, resumed vs uninterrupted").isEqualTo(params(straight));
    Checkpoint a = last(interrupted);
    Checkpoint b = last(straight);
    assertThat(a.round()).isEqualTo(TOTAL_ROUNDS);
    assertThat(a.sha256()).as("last checkpoint (parameters, updater state, counters)").isEqualTo(b.sha256());
    assertThat(roundsLogged(interrupted)).isEqualTo(roundsLogged(straight))
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, TOTAL_ROUNDS).boxed().toList());
  }

  private static List<String> train(String dataset, Path runDir) {
    List<String> args = new ArrayList<>(List.of("train", "--dataset", dataset, "--run-dir", runDir.toString()));
    args.addAll(RUN);
    args.addAll(Cli.SPARK);
    return args;
  }

  private Process startChild(List<String> mixmoArgs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("javacpp.cachedir", tmp.resolve("javacpp").toString()));
    // this JVM's module flags (Spark on Java 17 needs the --add-opens surefire gives us)
    cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("-Djdk.reflect")).toList());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.mixmo.driver.Main");
    cmd.addAll(mixmoArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    return pb.start();
  }

  /** Waits (at most 5 min) for a complete checkpoint, kills the child, returns that checkpoint's round. */
  private long killAfterFirstCheckpoint(Process child, Path runDir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    try {
      while (System.nanoTime() < deadline && child.isAlive()) {
        if (anyRenamedCheckpoint(runDir)) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(child.isAlive()).as("child still running at its first checkpoint; log:\n"
          + Files.readString(tmp.resolve("child.log"))).isTrue();
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    return latest(runDir).orElseThrow().round();
  }

  /** Whether a checkpoint directory has been renamed into place (read only: the child is still writing). */
  private static boolean anyRenamedCheckpoint(Path runDir) throws java.io.IOException {
    Path dir = runDir.resolve(RunDirectory.CHECKPOINTS);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var entries = Files.list(dir)) {
      return entries.anyMatch(p -> p.getFileName().toString().matches("\\d+"));
    }
  }

  /** A checkpoint directory for a later round whose state is truncated, and a temporary; returns its round. */
  private static long breakNextCheckpoint(Path runDir, long round) throws Exception {
    Path checkpoints = runDir.resolve(RunDirectory.CHECKPOINTS);
    Path good = checkpoints.resolve(Long.toString(round));
    long next = round + 1;
    Path bad = Files.createDirectories(checkpoints.resolve(Long.toString(next)));
    byte[] state = Files.readAllBytes(good.resolve("state.bin"));
    Files.write(bad.resolve("state.bin"), Arrays.copyOf(state, state.length / 2));
    String meta = Files.readString(good.resolve("checkpoint.json")).replace("\"round\" : " + round, "\"round\" : " + next);
    Files.writeString(bad.resolve("checkpoint.json"), meta);
    Path temp = Files.createDirectories(checkpoints.resolve("_tmp-" + (next + 1) + "-x"));
    Files.write(temp.resolve("state.bin"), state);
    return next;
  }

  /** Opens the run (which removes leftover temporaries): only once no writer is alive. */
  private static Optional<Checkpoint> latest(Path runDir) throws Exception {
    return RunDirectory.open(new Configuration(), runDir.toString()).checkpoints().latestComplete();
  }

  private static Checkpoint last(Path runDir) throws Exception {
    return latest(runDir).orElseThrow();
  }

  private static float[] params(Path runDir) throws Exception {
    File model = runDir.resolve(RunDirectory.MODEL).toFile();
    ComputationGraph graph = ModelSerializer.restoreComputationGraph(model, true);
    return graph.params().toFloatVector();
  }

  private static List<Long> roundsLogged(Path runDir) throws Exception {
    List<Long> rounds = new ArrayList<>();
    for (String line : Files.readAllLines(runDir.resolve(RunDirectory.METRICS))) {
      var node = JSON.readTree(line);
      if (node.get("type").asText().equals("round")) {
        rounds.add(node.get("round").asLong());
      }
    }
    return rounds;
  }
}
