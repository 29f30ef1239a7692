package io.mixmo.worker.engine.cpu;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;
import static org.bytedeco.dnnl.global.dnnl.dnnl_fuse_norm_relu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_workspace_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_backward;
import static org.bytedeco.dnnl.global.dnnl.dnnl_batch_normalization_backward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_batch_normalization_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nc;
import static org.bytedeco.dnnl.global.dnnl.dnnl_use_global_stats;
import static org.bytedeco.dnnl.global.dnnl.dnnl_use_scaleshift;
import static org.bytedeco.dnnl.global.dnnl.dnnl_x;

import io.mixmo.worker.engine.ActShape;
import io.mixmo.worker.engine.BatchNormKernel;
import io.mixmo.worker.engine.Buf;
import io.mixmo.worker.net.ops.Dnnl;
import io.mixmo.worker.net.ops.DnnlMemory;
import io.mixmo.worker.net.ops.DnnlPrimitive;
import org.bytedeco.dnnl.dnnl_batch_normalization_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;

/**
 * One batch normalisation planned on oneDNN over blocked activations: training forward (batch
 * mean and biased variance), inference forward (given statistics), backward (dx, dγ, dβ). γ and β
 * are read in place from the flat parameters as oneDNN's [2, C] scale-shift; optionally with the
 * following ReLU fused in (see the constructor). Not thread-safe.
 */
final class CpuBatchNorm implements BatchNormKernel {
  private final NativeResources owned = new NativeResources("a oneDNN batch normalisation");
  private final DnnlPrimitive training;
  private final DnnlPrimitive inference;
  private final DnnlPrimitive backward;
  private final Slot[] tr;
  private final Slot[] inf;
  private final Slot[] bwd;
  private final DnnlMemory workspace;

  CpuBatchNorm(String name, ActShape shape, float eps) {
    this(name, shape, eps, false);
  }

  /**
   * With {@code relu}, oneDNN's {@code fuse_norm_relu}: the forward writes max(BN(x), 0) and a
   * workspace (which outputs were positive) that the backward, given dy of the ReLU's output, reads.
   * The workspace is this kernel's, so a backward belongs to the last training forward.
   */
  CpuBatchNorm(String name, ActShape shape, float eps, boolean relu) {
    dnnl_memory_desc_t data = Dnnl.desc(new long[] {shape.batch(), shape.channels(), shape.height(), shape.width()},
        Dnnl.blockedTag());
    dnnl_memory_desc_t stat = Dnnl.desc(new long[] {shape.channels()}, dnnl_x);
    dnnl_memory_desc_t ss = Dnnl.desc(new long[] {2, shape.channels()}, dnnl_nc);
    int fuse = relu ? dnnl_fuse_norm_relu : 0;
    if (relu) {
      training = owned.own(DnnlPrimitive.create(name + " forward", desc(name, dnnl_forward_training, data, eps,
          dnnl_use_scaleshift | fuse), null, DNNL_ARG_SRC, DNNL_ARG_SCALE_SHIFT, DNNL_ARG_DST, DNNL_ARG_MEAN,
          DNNL_ARG_VARIANCE, DNNL_ARG_WORKSPACE));
      workspace = owned.own(DnnlMemory.owned(name + " workspace", training.desc(dnnl_query_workspace_md, 0)));
      tr = owned.slots(name, training, data, ss, data, stat, stat);
      training.bind(workspace);
    } else {
      training = owned.own(DnnlPrimitive.create(name + " forward", desc(name, dnnl_forward_training, data, eps,
          dnnl_use_scaleshift), null, DNNL_ARG_SRC, DNNL_ARG_SCALE_SHIFT, DNNL_ARG_DST, DNNL_ARG_MEAN,
          DNNL_ARG_VARIANCE));
      workspace = null;
      tr = owned.slots(name, training, data, ss, data, stat, stat);
    }
    inference = owned.own(DnnlPrimitive.create(name + " inference", desc(name, dnnl_forward_inference, data, eps,
        dnnl_use_scaleshift | dnnl_use_global_stats | fuse), null, DNNL_ARG_SRC, DNNL_ARG_MEAN, DNNL_ARG_VARIANCE,
        DNNL_ARG_SCALE_SHIFT, DNNL_ARG_DST));
    inf = owned.slots(name + " (inference)", inference, data, stat, stat, ss, data);
    dnnl_batch_normalization_desc_t bd = new dnnl_batch_normalization_desc_t();
    Dnnl.check(dnnl_batch_normalization_backward_desc_init(bd, dnnl_backward, data, data, eps,
        dnnl_use_scaleshift | fuse), name + " backward descriptor");
    if (relu) {
      backward = owned.own(DnnlPrimitive.create(name + " backward", bd, training, DNNL_ARG_SRC, DNNL_ARG_MEAN,
          DNNL_ARG_VARIANCE, DNNL_ARG_DIFF_DST, DNNL_ARG_SCALE_SHIFT, DNNL_ARG_DIFF_SRC, DNNL_ARG_DIFF_SCALE_SHIFT,
          DNNL_ARG_WORKSPACE));
      bwd = owned.slots(name + " (backward)", backward, data, stat, stat, data, ss, data, ss);
      backward.bind(workspace);
    } else {
      backward = owned.own(DnnlPrimitive.create(name + " backward", bd, training, DNNL_ARG_SRC, DNNL_ARG_MEAN,
          DNNL_ARG_VARIANCE, DNNL_ARG_DIFF_DST, DNNL_ARG_SCALE_SHIFT, DNNL_ARG_DIFF_SRC, DNNL_ARG_DIFF_SCALE_SHIFT));
      bwd = owned.slots(name + " (backward)", backward, data, stat, stat, data, ss, data, ss);
    }
  }

  private static dnnl_batch_normalization_desc_t desc(String name, int prop, dnnl_memory_desc_t data, float eps,
      int flags) {
    dnnl_batch_normalization_desc_t d = new dnnl_batch_normalization_desc_t();
    Dnnl.check(dnnl_batch_normalization_forward_desc_init(d, prop, data, eps, flags), name + " forward descriptor");
    return d;
  }

  private static void run(DnnlPrimitive p, Slot[] slots, Buf... bufs) {
    for (int i = 0; i < bufs.length; i++) {
      slots[i].at(CpuBuf.of(bufs[i]));
    }
    p.execute();
  }

  @Override
  public void forwardTraining(Buf x, Buf scaleShift, Buf y, Buf mean, Buf variance) {
    run(training, tr, x, scaleShift, y, mean, variance);
  }

  @Override
  public void forwardInference(Buf x, Buf scaleShift, Buf mean, Buf variance, Buf y) {
    run(inference, inf, x, mean, variance, scaleShift, y);
  }

  @Override
  public void backward(Buf x, Buf mean, Buf variance, Buf dy, Buf scaleShift, Buf dx, Buf dScaleShift) {
    run(backward, bwd, x, mean, variance, dy, scaleShift, dx, dScaleShift);
  }

  /** oneDNN's implementation names, for the log. */
  String implementations() {
    return "training " + training.implementation() + ", inference " + inference.implementation() + ", backward "
        + backward.implementation();
  }

  @Override
  public void close() {
    owned.close();
  }
}
