package io.mixmo.worker.net.ops;

import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_equal;

import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A parameter tensor as DL4J stores it (the user layout, e.g. OIHW) and as a oneDNN kernel wants it:
 * either the same (no copy) or a reorder into (or out of) a buffer oneDNN owns. Not thread-safe.
 */
final class WeightsLayout implements AutoCloseable {
  private final DnnlMemory user;
  private final DnnlMemory kernel;
  private final DnnlPrimitive reorder;

  private WeightsLayout(DnnlMemory user, DnnlMemory kernel, DnnlPrimitive reorder) {
    this.user = user;
    this.kernel = kernel;
    this.reorder = reorder;
  }

  /** User-side values read by a kernel that wants {@code kernelDesc}. */
  static WeightsLayout into(String name, dnnl_memory_desc_t userDesc, dnnl_memory_desc_t kernelDesc) {
    DnnlMemory user = DnnlMemory.view(name + " (DL4J layout)", userDesc);
    if (dnnl_memory_desc_equal(userDesc, kernelDesc) != 0) {
      return new WeightsLayout(user, user, null);
    }
    DnnlMemory kernel = DnnlMemory.owned(name + " (kernel layout)", kernelDesc);
    return new WeightsLayout(user, kernel, DnnlPrimitive.reorder(name, userDesc, kernelDesc).bind(user).bind(kernel));
  }

  /** Kernel-side values (e.g. a weight gradient in {@code kernelDesc}) written back in the user layout. */
  static WeightsLayout outOf(String name, dnnl_memory_desc_t kernelDesc, dnnl_memory_desc_t userDesc) {
    DnnlMemory user = DnnlMemory.view(name + " (DL4J layout)", userDesc);
    if (dnnl_memory_desc_equal(userDesc, kernelDesc) != 0) {
      return new WeightsLayout(user, user, null);
    }
    DnnlMemory kernel = DnnlMemory.owned(name + " (kernel layout)", kernelDesc);
    return new WeightsLayout(user, kernel, DnnlPrimitive.reorder(name, kernelDesc, userDesc).bind(kernel).bind(user));
  }

  @Override
  public void close() {
    if (reorder != null) {
      reorder.close();
      kernel.close();
    }
    user.close();
  }

  /** The memory the kernel reads or writes. */
  DnnlMemory kernelSide() {
    return kernel;
  }

  /** Makes the kernel side hold {@code values} (user layout). */
  void reorder(INDArray values) {
    user.point(values);
    if (reorder != null) {
      reorder.execute();
    }
  }

  /**
   * Points the user side at {@code target} before a kernel writes the kernel side. Needed where the
   * kernel's layout equals the user's (no reorder): the kernel then writes straight through the user
   * view, which must hold the target's address when the kernel runs. Without it the first execution
   * wrote through a null pointer and later ones into the previous call's array (seen on an AVX2-only
   * AMD EPYC, where oneDNN picks the plain OIHW layout for some weight gradients).
   */
  void target(INDArray target) {
    user.point(target);
  }

  /** Writes the kernel side into {@code target} (user layout). */
  void toUser(INDArray target) {
    user.point(target);
    if (reorder != null) {
      reorder.execute();
    }
  }
}
