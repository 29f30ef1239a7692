package io.mixmo.driver.task;

import io.mixmo.worker.net.ops.ComputeThreads;
import io.mixmo.worker.net.ops.NativeBuild;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executor side (in local mode the driver JVM): every task sets its thread's OpenMP count to the
 * task's cores (ND4J M2 leaves the thread that initialises it at 4, see {@link ComputeThreads});
 * once per JVM ND4J's native threads are capped and one line logs the backend, the native build,
 * the op layers' kernels, and the memory and thread settings.
 *
 * <p>On a cluster the executor process already starts with {@code OMP_NUM_THREADS} from
 * {@code spark.executorEnv.OMP_NUM_THREADS} (set by {@link SparkSettings}), which libnd4j and
 * OpenBLAS read when they load. In local mode the tasks share the driver JVM, whose environment
 * cannot change, so the caps are also set through ND4J's API (libnd4j's thread pool and the BLAS
 * thread count) at the first task. Measured in local[2] with OMP_NUM_THREADS=2 in the environment:
 * afterwards the BLAS and "master" thread counts read 1, while {@code Environment.maxThreads()}
 * still reads 2 (libnd4j keeps the environment's value), so for embedded runs the launcher should
 * also set {@code OMP_NUM_THREADS} to the cores per task. Thread-safe; later calls return at once.
 */
public final class ExecutorRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorRuntime.class);
  private static final AtomicBoolean DONE = new AtomicBoolean();

  private ExecutorRuntime() {}

  /**
   * Sets the calling task thread's compute threads (every call: Spark runs tasks on pooled threads),
   * and the first time in this JVM applies the process-wide caps and logs the settings.
   */
  public static void ensureConfigured(int threadsPerTask) {
    int threads = Math.max(1, threadsPerTask);
    ComputeThreads.useOnThisThread(threads);
    if (!DONE.compareAndSet(false, true)) {
      return;
    }
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    LOG.info(describe());
  }

  /** The effective settings, as one log line. */
  public static String describe() {
    Runtime rt = Runtime.getRuntime();
    return String.format("executor runtime: %s omp.threads(this task)=%d OMP_NUM_THREADS=%s nd4j.maxThreads=%d"
        + " nd4j.maxMasterThreads=%d blas.maxThreads=%d heap.max=%d MiB javacpp.maxBytes=%d MiB"
        + " javacpp.maxPhysicalBytes=%d MiB cores=%d",
        NativeBuild.describe(), ComputeThreads.onThisThread(), System.getenv("OMP_NUM_THREADS"),
        Nd4j.getEnvironment().maxThreads(),
        Nd4j.getEnvironment().maxMasterThreads(), Nd4j.factory().blas().getMaxThreads(), rt.maxMemory() >> 20,
        Pointer.maxBytes() >> 20, Pointer.maxPhysicalBytes() >> 20, rt.availableProcessors());
  }

  /** Whether {@link #ensureConfigured} has run in this JVM. */
  public static boolean configured() {
    return DONE.get();
  }
}
