package io.mixmo.driver.bench;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.StageInfo;

/**
 * Sums Spark's task metrics per round (driver side, a listener): the bytes of task results (what
 * executors send the driver), shuffle bytes written and read (remote: fetched from another executor;
 * local: from the reader's own), and the wall time of training stages (they write or return the
 * replica states) and of reduce stages (they read the shuffle). A stage belongs to the round named
 * by the local property {@link #ROUND} of the job that ran it; the benchmark sets it between rounds.
 */
final class SyncMetrics extends SparkListener {
  static final String ROUND = "mixmo.bench.round";

  /** One round's sums. */
  static final class Round {
    long resultBytes;
    long shuffleWritten;
    long shuffleRemoteRead;
    long shuffleLocalRead;
    long trainStageNanos;
    long reduceStageNanos;
    int stages;
  }

  private final Map<Integer, String> roundOfStage = new ConcurrentHashMap<>();
  final Map<String, Round> rounds = new ConcurrentHashMap<>();
  private volatile int completed;

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted e) {
    Properties p = e.properties();
    roundOfStage.put(e.stageInfo().stageId(), p == null ? "?" : p.getProperty(ROUND, "?"));
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted e) {
    StageInfo s = e.stageInfo();
    TaskMetrics m = s.taskMetrics();
    Round r = rounds.computeIfAbsent(roundOfStage.getOrDefault(s.stageId(), "?"), k -> new Round());
    synchronized (r) {
      r.stages++;
      if (m != null) {
        r.resultBytes += m.resultSize();
        r.shuffleWritten += m.shuffleWriteMetrics().bytesWritten();
        r.shuffleRemoteRead += m.shuffleReadMetrics().remoteBytesRead();
        r.shuffleLocalRead += m.shuffleReadMetrics().localBytesRead();
        long wall = s.completionTime().isDefined() && s.submissionTime().isDefined()
            ? ((Long) s.completionTime().get() - (Long) s.submissionTime().get()) * 1_000_000L : 0;
        if (m.shuffleReadMetrics().totalBytesRead() > 0) {
          r.reduceStageNanos += wall;
        } else {
          r.trainStageNanos += wall;
        }
      }
    }
    completed++;
  }

  /** Waits until no stage completed for {@code quietMs} (the listener bus is asynchronous). */
  void awaitQuiet(long quietMs) throws InterruptedException {
    int seen = -1;
    while (seen != completed) {
      seen = completed;
      Thread.sleep(quietMs);
    }
  }
}
