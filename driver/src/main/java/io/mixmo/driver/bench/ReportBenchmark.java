package io.mixmo.driver.bench;

import io.mixmo.driver.report.ReportPage;
import io.mixmo.driver.report.RunData;
import io.mixmo.driver.report.RunReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * Cost of the run report (driver side, a plain {@code main}): reads a run directory once, then
 * renders its report (what training does at each epoch end, less the file write) once to warm up
 * and {@code repetitions} times timed, and prints wall and CPU milliseconds per report next to the
 * run's mean epoch wall time from its {@code metrics.jsonl} (training makes one report per epoch, on
 * a background thread). Arguments: RUN_DIR [repetitions (10)].
 */
public final class ReportBenchmark {
  private ReportBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ReportBenchmark RUN_DIR [repetitions]");
      System.exit(2);
    }
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    RunData run = RunReader.read(new Configuration(), args[0]);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long coldStart = System.nanoTime();
    int bytes = ReportPage.render(List.of(run), "bench", "now").getBytes(StandardCharsets.UTF_8).length;
    double coldMs = (System.nanoTime() - coldStart) / 1e6;
    long wall = System.nanoTime();
    long cpuStart = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < repetitions; i++) {
      ReportPage.render(List.of(run), "bench", "now");
    }
    double wallMs = (System.nanoTime() - wall) / 1e6 / repetitions;
    double cpuMs = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e6 / repetitions;
    double roundMs = run.rounds().stream().mapToDouble(r -> r.path("wallMillis").asDouble()).average().orElse(Double.NaN);
    double epochMs = roundMs * run.roundsPerEpoch();
    System.out.printf("report of %s: %d rounds, %d evaluations, %.0f KiB of HTML%n", run.uri(), run.rounds().size(),
        run.evaluations().size(), bytes / 1024.0);
    System.out.printf("first render (class loading included) %.0f ms; then %.0f ms wall, %.0f ms CPU per report"
        + " (mean of %d)%n", coldMs, wallMs, cpuMs, repetitions);
    System.out.printf("the run's mean round %.0f ms wall, %d rounds per epoch: one report per epoch = %.2f %% of"
        + " an epoch's wall time in CPU time of one core%n", roundMs, run.roundsPerEpoch(), 100 * cpuMs / epochMs);
  }
}
