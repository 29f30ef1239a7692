package io.mixmo.worker.net.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Chooses the {@link KernelSet} of a graph being built: {@link KernelSet#DNNL} for float32 graphs on
 * the CPU backend when oneDNN loads, {@link KernelSet#ND4J_FUSED_BN} on any other backend (CUDA: never
 * the CPU-only oneDNN kernels), else {@link KernelSet#ND4J_OPS}. Tests and benchmarks may pin
 * the choice for the graphs they build ({@link #pin}); nothing reads system properties. Any side;
 * thread-safe.
 */
public final class OpKernels {
  private static volatile KernelSet pinned;

  private OpKernels() {}

  /** The kernel set for a graph of {@code dataType} built now. */
  public static KernelSet forNewGraph(DataType dataType) {
    KernelSet p = pinned;
    if (p == KernelSet.DNNL && !dnnlUsable(dataType)) {
      throw new IllegalStateException("the DNNL kernels were pinned but cannot run a " + dataType + " graph: "
          + (Dnnl.available() ? "oneDNN kernels take float32 on the CPU backend" : Dnnl.unavailableReason()));
    }
    if (p != null) {
      return p;
    }
    if (!isCpuBackend()) {
      return KernelSet.ND4J_FUSED_BN;
    }
    return dnnlUsable(dataType) ? KernelSet.DNNL : KernelSet.ND4J_OPS;
  }

  /** Pins the kernel set of graphs built from now on ({@code null}: back to the automatic choice). */
  public static void pin(KernelSet set) {
    pinned = set;
  }

  /** Channels per block of the DNNL kernels' activation layout (16 or 8). */
  public static int dnnlBlockSize() {
    return Dnnl.blockSize();
  }

  /** What graphs built now would use for float32, for the runtime log line. */
  public static String describe() {
    return switch (forNewGraph(DataType.FLOAT)) {
      case DNNL -> "dnnl (" + Dnnl.describe() + ")";
      case ND4J_OPS -> "nd4j-ops (" + Dnnl.describe() + ")";
      case ND4J_FUSED_BN -> "nd4j-ops, batch norm by libnd4j's batchnorm/batchnorm_bp";
    };
  }

  private static boolean dnnlUsable(DataType dataType) {
    return dataType == DataType.FLOAT && isCpuBackend() && Dnnl.available();
  }

  private static boolean isCpuBackend() {
    Object backend = Nd4j.getExecutioner().getEnvironmentInformation().get("backend");
    return "CPU".equalsIgnoreCase(String.valueOf(backend));
  }
}
