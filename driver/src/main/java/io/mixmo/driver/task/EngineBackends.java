package io.mixmo.driver.task;

import io.mixmo.driver.gpu.GpuPreflight;
import io.mixmo.driver.gpu.GpuPreflightException;
import io.mixmo.driver.gpu.IsolatedCudaDevice;
import io.mixmo.worker.engine.Backend;
import io.mixmo.worker.engine.cpu.CpuBackend;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one place that chooses the engine's backend for a task (executor side, on the task's thread;
 * {@link EnginePool} asks it for training, evaluation and prediction alike): a task computing on no
 * GPU gets the CPU backend (oneDNN); a task computing on GPU {@code d} gets the CUDA backend on
 * {@code d}, made in the CUDA class loader (the driver's code never links a CUDA class), after the
 * GPU preflight. There is no fallback: where the CUDA backend cannot be made — the CPU build (no
 * nested CUDA classpath), a library missing, an old driver, a device CUDA 13 does not serve, a CUDA
 * error while opening — the answer is a {@link GpuPreflightException} with the one-line reason
 * (exit code 2 on the CLI), never a CPU backend. The probes are injected so that tests can simulate
 * nodes without GPUs; {@link #ofThisProcess} gives the real ones.
 */
public final class EngineBackends {
  private static final EngineBackends OF_THIS_PROCESS = new EngineBackends(CpuBackend::new,
      IsolatedCudaDevice::ofThisProcess, cuda -> GpuPreflight.Probes.ofThisProcess(cuda), IsolatedCudaDevice::backend);

  private final Supplier<Backend> cpu;
  private final Supplier<IsolatedCudaDevice> cuda;
  private final Function<IsolatedCudaDevice, GpuPreflight.Probes> probes;
  private final BiFunction<IsolatedCudaDevice, Integer, Backend> open;

  /**
   * @param cpu makes a CPU backend
   * @param cuda the CUDA class loader's device entry points (throws a GpuPreflightException in the CPU build)
   * @param probes the preflight's probes over those entry points
   * @param open makes the CUDA backend on a device once the preflight passed
   */
  EngineBackends(Supplier<Backend> cpu, Supplier<IsolatedCudaDevice> cuda,
      Function<IsolatedCudaDevice, GpuPreflight.Probes> probes, BiFunction<IsolatedCudaDevice, Integer, Backend> open) {
    this.cpu = cpu;
    this.cuda = cuda;
    this.probes = probes;
    this.open = open;
  }

  /** This process's backends: oneDNN on the CPU, the CUDA build's nested CUDA backend on a GPU. */
  public static EngineBackends ofThisProcess() {
    return OF_THIS_PROCESS;
  }

  /** The backend for a task computing on {@code gpu} (empty: on the CPU); the caller closes it. */
  public Backend open(OptionalInt gpu) {
    return gpu.isPresent() ? cuda(gpu.getAsInt()) : cpu.get();
  }

  /**
   * The CUDA backend on {@code device} for the calling thread (bound to it by the task's binder):
   * the nested CUDA classpath, then the preflight (libraries, driver, device), then the backend.
   */
  Backend cuda(int device) {
    IsolatedCudaDevice entry = cuda.get();
    String described = GpuPreflight.run(device, probes.apply(entry));
    try {
      return open.apply(entry, device);
    } catch (RuntimeException | LinkageError e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new GpuPreflightException("GPU " + device + " (" + described + ") passed the preflight but the engine's"
          + " CUDA backend cannot be opened on it: " + why.replace('\n', ' '), e);
    }
  }
}
