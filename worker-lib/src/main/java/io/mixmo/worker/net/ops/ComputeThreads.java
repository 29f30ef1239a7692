package io.mixmo.worker.net.ops;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The OpenMP thread count of the calling thread, which libnd4j's ops and the oneDNN kernels both
 * use (they share the one OpenMP runtime of the process).
 *
 * <p>Why it must be set explicitly: ND4J 1.0.0-M2's {@code NativeOpsHolder} initialisation calls
 * {@code setOmpNumThreads(4)} unconditionally after honouring {@code OMP_NUM_THREADS} (read in its
 * source), so the thread that first touches ND4J computes with 4 threads whatever the machine has;
 * on 2 cores that oversubscription made oneDNN's batch normalisation ≈ 50× slower (measured, see
 * {@code docs/benchmarks.md}). Executors set their task threads' count before computing; callers
 * outside Spark (benchmarks, tests) set it themselves.
 */
public final class ComputeThreads {
  private ComputeThreads() {}

  /** Sets the calling thread's OpenMP thread count. */
  public static void useOnThisThread(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("compute threads must be >= 1, found " + threads);
    }
    Nd4j.getExecutioner(); // initialises the backend (and its 4-thread default) first
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
  }

  /** The calling thread's OpenMP thread count. */
  public static int onThisThread() {
    Nd4j.getExecutioner();
    return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
  }
}
