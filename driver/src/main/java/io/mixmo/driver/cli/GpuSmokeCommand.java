package io.mixmo.driver.cli;

import io.mixmo.driver.gpu.Build;
import io.mixmo.driver.gpu.DeviceBinders;
import io.mixmo.driver.gpu.GpuSmoke;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mixmo gpu-smoke}: on a machine with a GPU and the CUDA build, train SMALL and WRN-16-4 for
 * 20 steps each on one GPU and print images/s and the device ({@link GpuSmoke}); on an unsupported
 * GPU, or without the CUDA 13 / cuDNN 9 libraries or an R580+ driver, exit 2 with the preflight's message. Driver side, main thread.
 */
@Command(name = "gpu-smoke", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Check a GPU machine: train SMALL and WRN-16-4 for a few steps on one GPU with the CUDA build",
        "and print images/s and the device. Exit 2 with the reason when the GPU, its libraries or the build",
        "cannot serve (the same preflight every GPU task runs)."})
final class GpuSmokeCommand implements Callable<Integer> {
  @ParentCommand MixmoCommand root;

  @Option(names = "--device", paramLabel = "N", description = "CUDA device ordinal.")
  int device = 0;

  @Option(names = "--steps", paramLabel = "N", description = "Timed training steps per network (after one warm-up).")
  int steps = 20;

  @Option(names = "--batch-size", paramLabel = "B", description = "Images per step (M = 2 members, 32x32x3).")
  int batch = 64;

  @Option(names = "--networks", paramLabel = "NAME", split = ",",
      description = "Networks: small, wrn-16-4, wrn-28-10.")
  List<String> networks = List.of("small", "wrn-16-4");

  @Option(names = "--cpu", description = "Run the same steps on the CPU (checks the command without a GPU).")
  boolean cpu;

  @Override
  public Integer call() {
    GpuSmoke.Plan plan;
    try {
      plan = new GpuSmoke.Plan(networks, steps, batch, device, cpu);
    } catch (IllegalArgumentException e) {
      throw new io.mixmo.driver.config.ConfigException(e.getMessage(), e);
    }
    GpuSmoke.run(plan, Build.current(), DeviceBinders.forThisBuild(), root.spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
