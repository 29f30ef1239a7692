package io.mixmo.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.driver.run.RunDirectory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training listener's hook: rewrites {@code report.html} in the run directory at each epoch end
 * and once more at the end (driver side). The epoch-end reports are made on one background thread
 * ({@code mixmo-report}), so that the next round does not wait for them; when epochs end faster
 * than reports are made, only the newest is made. {@link #finished} makes the final report and
 * waits for it. The metrics lines come from memory (parsed once: each report parses only the lines
 * added since the previous one); the rest is read from the run directory. Writing is atomic. A
 * failure is logged and does not stop training: the report is a view of files complete without it.
 * Each write is timed and logged at INFO ({@code report.html written in 180 ms}).
 *
 * <p>Lifecycle: {@link #of}, then {@link #epochEnd} from the master's thread, then {@link #finished}
 * or not, then {@link #close} (which waits for a report being written).
 */
public final class TrainingReport implements AutoCloseable {
  /** The report's file name in the run directory. */
  public static final String FILE = "report.html";
  private static final Logger LOG = LoggerFactory.getLogger(TrainingReport.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long CLOSE_WAIT_SECONDS = 120;

  private final RunDirectory run;
  private final List<String> classNames;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "mixmo-report");
    t.setDaemon(true);
    return t;
  });
  /** The newest epoch-end lines not yet reported (null: none waiting). */
  private final AtomicReference<List<String>> pending = new AtomicReference<>();
  /** The metrics lines parsed so far (worker thread only). */
  private final List<JsonNode> parsed = new ArrayList<>();
  private List<String> parsedLines = List.of();
  private volatile long lastMillis = -1;

  private TrainingReport(RunDirectory run, List<String> classNames) {
    this.run = run;
    this.classNames = List.copyOf(classNames);
  }

  /** The hook of a training run in {@code run} on a dataset with these class names. */
  public static TrainingReport of(RunDirectory run, List<String> classNames) {
    return new TrainingReport(run, classNames);
  }

  /** After an epoch: a report of {@code metricsLines} (an immutable snapshot) is made in the background. */
  public void epochEnd(List<String> metricsLines) {
    if (pending.getAndSet(List.copyOf(metricsLines)) == null) {
      worker.execute(() -> {
        List<String> lines = pending.getAndSet(null);
        if (lines != null) {
          write(lines, Optional.empty());
        }
      });
    }
  }

  /** At the end: the report with the final evaluation (what {@code evaluation.json} holds), waited for. */
  public void finished(List<String> metricsLines, Map<String, Object> evaluation) {
    pending.set(null);
    JsonNode tree = JSON.valueToTree(evaluation);
    List<String> lines = List.copyOf(metricsLines);
    await(() -> write(lines, Optional.of(tree)));
  }

  /** Waits until the reports asked for so far are written (tests). */
  void flush() {
    await(() -> { });
  }

  /** Milliseconds the last write took; −1 before the first (or after a failed one). */
  public long lastMillis() {
    return lastMillis;
  }

  /** Waits (up to 2 minutes) for a report being written, then stops the background thread. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("{} is still being written after {} s; not waiting longer", run.file(FILE), CLOSE_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void await(Runnable task) {
    try {
      worker.submit(task).get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("could not write {}: {}", run.file(FILE), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(List<String> metricsLines, Optional<JsonNode> evaluation) {
    long start = System.nanoTime();
    try {
      RunData data = RunReader.duringTraining(run.fileSystem().getConf(), run.fileSystem(), run.path(),
          parsed(metricsLines), evaluation, classNames);
      String html = ReportPage.render(List.of(data), RunReport.defaultTitle(List.of(data)), RunReport.now());
      HadoopFiles.writeAtomically(run.fileSystem(), run.file(FILE), html.getBytes(StandardCharsets.UTF_8));
      lastMillis = (System.nanoTime() - start) / 1_000_000;
      LOG.info("{} written in {} ms", run.file(FILE), lastMillis);
    } catch (Exception | LinkageError e) {
      lastMillis = -1;
      LOG.warn("could not write {} (training goes on): {}", run.file(FILE), e.toString());
    }
  }

  /** {@code lines} parsed, reusing the previous parse when {@code lines} extends the lines parsed before. */
  private List<JsonNode> parsed(List<String> lines) {
    boolean extendsPrevious = lines.size() >= parsedLines.size()
        && lines.subList(0, parsedLines.size()).equals(parsedLines);
    if (!extendsPrevious) {
      parsed.clear();
      parsedLines = List.of();
    }
    parsed.addAll(RunReader.parseMetrics(lines.subList(parsedLines.size(), lines.size()),
        run.file(RunDirectory.METRICS), parsedLines.size()));
    parsedLines = lines;
    return parsed;
  }
}
