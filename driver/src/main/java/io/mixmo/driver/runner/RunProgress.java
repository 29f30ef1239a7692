package io.mixmo.driver.runner;

import io.mixmo.driver.config.RunConfig;
import io.mixmo.driver.eval.Evaluation;
import io.mixmo.driver.metrics.DriverGauges;
import io.mixmo.driver.report.TrainingReport;
import io.mixmo.driver.run.CheckpointStore;
import io.mixmo.driver.run.MetricsLog;
import io.mixmo.driver.train.RoundListener;
import io.mixmo.driver.train.RoundStats;
import io.mixmo.driver.train.SparkTrainingMaster;
import io.mixmo.worker.metrics.EvaluationReport;
import io.mixmo.worker.train.LrSchedule;
import io.mixmo.worker.train.ModelState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens between rounds (driver side, on the master's thread): a progress line on the
 * console (unless the master's own INFO log line already shows it), a {@code "round"} line in {@code metrics.jsonl}, a checkpoint every
 * {@code run.checkpoint-every} rounds; at each epoch end the test-split evaluation (when
 * {@code run.evaluate-every-epoch}; an {@code "evaluation"} line), a checkpoint and the run's
 * {@code report.html} ({@link TrainingReport}, made in the background). A round line has the
 * learning rate of the round's last step (the schedule at the averaged state's iteration count).
 * The metrics are flushed before each checkpoint so that a checkpoint's round is always in the log. The
 * {@code round} of every line is the number of rounds completed, as a checkpoint's is; its
 * {@code epoch} is the epoch the round belongs to, counted from 1, in the console lines, the
 * metrics, the checkpoints and the gauges alike. The same figures go to the driver's
 * {@link DriverGauges} (Spark metrics).
 */
final class RunProgress implements RoundListener {
  /** The master logs each round's line at INFO; the console gets it here only when that log is off. */
  private static final Logger MASTER_LOG = LoggerFactory.getLogger(SparkTrainingMaster.class);
  private final RunConfig run;
  private final CheckpointStore checkpoints;
  private final MetricsLog metrics;
  private final Function<ModelState, Evaluation> evaluate;
  private final PrintStream console;
  private final int roundsPerEpoch;
  private final LrSchedule schedule;
  private final TrainingReport report;
  private final DriverGauges gauges;
  private long lastRound = -1;
  private long evaluatedRound = -1;
  private Evaluation lastEvaluation;

  RunProgress(RunConfig run, CheckpointStore checkpoints, MetricsLog metrics,
      Function<ModelState, Evaluation> evaluate, PrintStream console, int roundsPerEpoch, LrSchedule schedule,
      TrainingReport report, DriverGauges gauges) {
    this.run = run;
    this.checkpoints = checkpoints;
    this.metrics = metrics;
    this.evaluate = evaluate;
    this.console = console;
    this.roundsPerEpoch = roundsPerEpoch;
    this.schedule = schedule;
    this.report = report;
    this.gauges = gauges;
  }

  @Override
  public void onRound(RoundStats stats, ModelState averaged) {
    lastRound = stats.globalRound() + 1;
    if (!MASTER_LOG.isInfoEnabled()) {
      console.println("mixmo: " + stats.line(roundsPerEpoch));
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("type", "round");
    line.put("round", lastRound);
    line.put("epoch", stats.epoch() + 1);
    line.put("roundInEpoch", stats.round() + 1);
    line.put("loss", stats.meanLoss());
    line.put("learningRate", schedule.valueAt((int) Math.max(0, averaged.iterationCount() - 1), 0));
    line.put("examples", stats.examples());
    line.put("imagesPerSecond", stats.imagesPerSecond());
    line.put("etaSeconds", stats.etaSeconds());
    line.put("wallMillis", stats.wallNanos() / 1e6);
    line.put("syncFraction", stats.syncFraction());
    metrics.append(line);
    gauges.onRound(lastRound, stats.epoch() + 1, stats.meanLoss(), stats.imagesPerSecond(), stats.syncFraction());
    boolean epochEnd = stats.round() == roundsPerEpoch - 1;
    if (!epochEnd && run.checkpointEvery() > 0 && lastRound % run.checkpointEvery() == 0) {
      checkpoint(stats.epoch() + 1, averaged);
    }
  }

  @Override
  public void onEpochEnd(int epoch, ModelState averaged) {
    if (run.evaluateEveryEpoch()) {
      lastEvaluation = evaluate.apply(averaged);
      evaluatedRound = lastRound;
      gauges.onEvaluation(lastEvaluation.report().ensembleTop1(), lastEvaluation.report().nll(),
          lastEvaluation.report().ece());
      console.println("mixmo: epoch " + (epoch + 1) + " test " + headline(lastEvaluation.report()));
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("type", "evaluation");
      line.put("round", lastRound);
      line.put("epoch", epoch + 1);
      line.putAll(lastEvaluation.toMap());
      metrics.append(line);
    }
    checkpoint(epoch + 1, averaged);
    report.epochEnd(metrics.lines());
  }

  /** The evaluation of the state after round {@code round}, if this listener made it. */
  Optional<Evaluation> evaluationAt(long round) {
    return evaluatedRound == round ? Optional.of(lastEvaluation) : Optional.empty();
  }

  /** Ensemble and member accuracy, NLL and ECE in one line. */
  static String headline(EvaluationReport r) {
    StringBuilder members = new StringBuilder();
    for (double a : r.memberTop1()) {
      members.append(members.length() == 0 ? "" : ", ").append(String.format("%.4f", a));
    }
    return String.format("ensemble top-1 %.4f, members [%s], NLL %.4f, ECE %.4f (%d images)", r.ensembleTop1(),
        members, r.nll(), r.ece(), r.count());
  }

  /** Writes the checkpoint of the round just completed, which belongs to (1-based) {@code epoch}. */
  private void checkpoint(int epoch, ModelState state) {
    metrics.flush();
    try {
      checkpoints.write(lastRound, epoch, state);
      checkpoints.prune(run.keepCheckpoints());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the checkpoint of round " + lastRound + " in "
          + checkpoints.directory() + ": " + e.getMessage(), e);
    }
  }
}
