package io.mixmo.worker.bench;

import io.mixmo.worker.net.ops.ComputeThreads;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's practical float32 compute ceiling for the benchmark tables: the best GFLOP/s of a
 * large matrix product (n×n by n×n, default n = 2048) through ND4J's BLAS (OpenBLAS), on
 * {@code threads} threads. {@code main [n] [threads]}; prints a {@code RESULT} JSON line.
 */
public final class GemmPeakBenchmark {
  private GemmPeakBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    ComputeThreads.useOnThisThread(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    INDArray a = Nd4j.ones(DataType.FLOAT, n, n).muli(0.5);
    INDArray b = Nd4j.ones(DataType.FLOAT, n, n).muli(0.25);
    INDArray c = Nd4j.create(DataType.FLOAT, new long[] {n, n}, 'f');
    double best = 0;
    for (int round = 0; round < 6; round++) {
      long t = System.nanoTime();
      a.mmuli(b, c);
      double s = (System.nanoTime() - t) / 1e9;
      if (round > 0) {
        best = Math.max(best, 2.0 * n * n * n / s / 1e9);
      }
    }
    System.out.printf(Locale.ROOT, "sgemm %dx%d, %d threads: %.0f GFLOP/s (best of 5)%n", n, n, threads, best);
    System.out.printf(Locale.ROOT, "RESULT {\"gemm_gflops\": %.1f}%n", best);
  }
}
