package io.mixmo.worker.engine.cpu;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_avg_include_padding;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_v2_backward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_v2_forward_desc_init;

import io.mixmo.worker.engine.ActShape;
import io.mixmo.worker.net.ops.Dnnl;
import io.mixmo.worker.net.ops.DnnlPrimitive;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_pooling_v2_desc_t;

/**
 * Global average pooling of one blocked activation shape as oneDNN pooling primitives (forward and
 * backward). The pooled output is described as the blocked [batch, channels, 1, 1] tensor, whose
 * memory is exactly the row-major [batch, channels] features (channels a multiple of the block).
 * Made on first use and kept by {@link CpuBackend} (at most
 * {@link KernelCache#KEPT} shapes). Executor side; not thread-safe.
 */
final class CpuPooling implements KernelCache.Kernel {
  private static final long[] ONE = {1, 1};
  private static final long[] ZERO = {0, 0};
  final ActShape shape;
  private final NativeResources owned = new NativeResources("the engine's pooling kernels");
  private final DnnlPrimitive forward;
  private final DnnlPrimitive backward;
  private final Slot[] forwardSlots;
  private final Slot[] backwardSlots;

  CpuPooling(ActShape s, int blockedTag) {
    this.shape = s;
    String name = "engine global average pooling " + s;
    long[] kernel = {s.height(), s.width()};
    dnnl_memory_desc_t in = Dnnl.desc(new long[] {s.batch(), s.channels(), s.height(), s.width()}, blockedTag);
    dnnl_memory_desc_t out = Dnnl.desc(new long[] {s.batch(), s.channels(), 1, 1}, blockedTag);
    dnnl_pooling_v2_desc_t fd = new dnnl_pooling_v2_desc_t();
    Dnnl.check(dnnl_pooling_v2_forward_desc_init(fd, dnnl_forward_training, dnnl_pooling_avg_include_padding, in, out,
        ONE, kernel, ZERO, ZERO, ZERO), name + " forward descriptor");
    forward = owned.own(DnnlPrimitive.create(name + " forward", fd, null, DNNL_ARG_SRC, DNNL_ARG_DST));
    forwardSlots = owned.slots(name + " forward", forward, in, out);
    dnnl_pooling_v2_desc_t bd = new dnnl_pooling_v2_desc_t();
    Dnnl.check(dnnl_pooling_v2_backward_desc_init(bd, dnnl_pooling_avg_include_padding, in, out, ONE, kernel, ZERO,
        ZERO, ZERO), name + " backward descriptor");
    backward = owned.own(DnnlPrimitive.create(name + " backward", bd, forward, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_SRC));
    backwardSlots = owned.slots(name + " backward", backward, out, in);
  }

  /** features [batch, channels] = mean over h, w of x. */
  void forward(CpuBuf x, CpuBuf features) {
    forwardSlots[0].at(x);
    forwardSlots[1].at(features);
    forward.execute();
  }

  /** dx = dFeatures / (h·w) at every position. */
  void backward(CpuBuf dFeatures, CpuBuf dx) {
    backwardSlots[0].at(dFeatures);
    backwardSlots[1].at(dx);
    backward.execute();
  }

  @Override
  public ActShape shape() {
    return shape;
  }

  @Override
  public void close() {
    owned.close();
  }
}
