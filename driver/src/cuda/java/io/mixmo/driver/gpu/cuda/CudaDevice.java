package io.mixmo.driver.gpu.cuda;

import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceProperties;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;

import io.mixmo.driver.gpu.GpuPreflightException;
import org.bytedeco.cuda.cudart.cudaDeviceProp;

/**
 * A CUDA device as the CUDA runtime describes it, read through JavaCPP's CUDA bindings without ND4J
 * (so before any ND4J kernel could fail on it). Executor side; the CUDA libraries must have been
 * checked first ({@code CudaLibraries}).
 *
 * @param ordinal the CUDA device ordinal
 * @param name e.g. "NVIDIA A100-SXM4-40GB"
 * @param major compute capability, major
 * @param minor compute capability, minor
 * @param memoryBytes total device memory
 */
record CudaDevice(int ordinal, String name, int major, int minor, long memoryBytes) {

  /** Reads device {@code ordinal}; throws a preflight error when CUDA sees no such device. */
  static CudaDevice query(int ordinal) {
    int[] count = {0};
    int status = cudaGetDeviceCount(count);
    if (status != 0) {
      throw new GpuPreflightException("the CUDA runtime finds no usable GPU (cudaGetDeviceCount: "
          + cudaGetErrorString(status).getString() + "): check the NVIDIA driver (nvidia-smi) and, in containers,"
          + " that the GPU is passed in (Kubernetes: the NVIDIA device plugin and spark.executor.resource.gpu.vendor"
          + " = nvidia.com)");
    }
    if (ordinal >= count[0]) {
      throw new GpuPreflightException("Spark assigned GPU " + ordinal + " but CUDA sees " + count[0] + " device(s) in"
          + " this executor: the discovery script must print CUDA's ordinals (deploy/bin/gpu-discovery.sh follows"
          + " CUDA_VISIBLE_DEVICES)");
    }
    cudaDeviceProp p = new cudaDeviceProp();
    status = cudaGetDeviceProperties(p, ordinal);
    if (status != 0) {
      throw new GpuPreflightException("cudaGetDeviceProperties(" + ordinal + ") failed: "
          + cudaGetErrorString(status).getString());
    }
    return new CudaDevice(ordinal, p.name().getString(), p.major(), p.minor(), p.totalGlobalMem());
  }

  /** e.g. "NVIDIA A100-SXM4-40GB, compute capability 8.0, 40536 MiB". */
  String describe() {
    return name + ", compute capability " + major + "." + minor + ", " + (memoryBytes >> 20) + " MiB";
  }
}
