package io.mixmo.driver.gpu;

import io.mixmo.driver.config.ConfigException;

/**
 * A GPU set-up that cannot work: GPUs requested from the CPU build, a GPU this CUDA build has no
 * kernels for, a CUDA library missing on a node, a task given other than one GPU. Raised on the
 * driver before Spark starts, or in a task on an executor (Spark then reports it to the driver by
 * class name and message, and the CLI prints the message with exit code 2, as for any configuration
 * error).
 */
public class GpuPreflightException extends ConfigException {
  private static final long serialVersionUID = 1L;

  public GpuPreflightException(String message) {
    super(message);
  }

  public GpuPreflightException(String message, Throwable cause) {
    super(message, cause);
  }
}
