package io.mixmo.worker.net.ops;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;
import static org.bytedeco.dnnl.global.dnnl.dnnl_backward;
import static org.bytedeco.dnnl.global.dnnl.dnnl_batch_normalization_backward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_batch_normalization_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nc;
import static org.bytedeco.dnnl.global.dnnl.dnnl_use_global_stats;
import static org.bytedeco.dnnl.global.dnnl.dnnl_use_scaleshift;
import static org.bytedeco.dnnl.global.dnnl.dnnl_x;

import java.util.Arrays;
import org.bytedeco.dnnl.dnnl_batch_normalization_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch normalisation's oneDNN kernels for one layer, on activations in {@link Dnnl#blockedTag()}:
 * training forward (computes the batch mean and biased variance, normalises, scales and shifts),
 * inference forward (running statistics), and backward (input gradient through the batch
 * statistics, and the γ/β gradients). γ and β are passed as oneDNN's [2, C] scale-shift tensor,
 * which is how DL4J lays them out in the parameter vector (γ then β). Not thread-safe.
 */
final class DnnlBatchNorm {
  private final String name;
  private final long channels;
  private final float eps;
  private final PlanCache<Plan> plans = new PlanCache<>();

  DnnlBatchNorm(String name, long channels, double eps) {
    this.name = name;
    this.channels = channels;
    this.eps = (float) eps;
  }

  /** Training forward: y from x; the batch mean and variance written to {@code mean}, {@code var} [C]. */
  void forwardTraining(INDArray x, INDArray scaleShift, INDArray y, INDArray mean, INDArray var) {
    Plan p = plan(x.shape());
    p.src.point(x);
    p.scaleShift.point(scaleShift);
    p.dst.point(y);
    p.mean.point(mean);
    p.var.point(var);
    p.training.execute();
  }

  /** Inference forward with the running statistics {@code mean}, {@code var} [C]. */
  void forwardInference(INDArray x, INDArray scaleShift, INDArray mean, INDArray var, INDArray y) {
    Plan p = plan(x.shape());
    p.src.point(x);
    p.mean.point(mean);
    p.var.point(var);
    p.scaleShift.point(scaleShift);
    p.dst.point(y);
    p.inference.execute();
  }

  /** Backward: {@code dx} and {@code dScaleShift} [2, C] (dγ then dβ) from {@code dy}. */
  void backward(INDArray x, INDArray mean, INDArray var, INDArray dy, INDArray scaleShift, INDArray dx,
      INDArray dScaleShift) {
    Plan p = plan(x.shape());
    p.src.point(x);
    p.mean.point(mean);
    p.var.point(var);
    p.diffDst.point(dy);
    p.scaleShift.point(scaleShift);
    p.diffSrc.point(dx);
    p.diffScaleShift.point(dScaleShift);
    p.backward.execute();
  }

  private Plan plan(long[] shape) {
    if (shape.length != 4 || shape[1] != channels) {
      throw new IllegalArgumentException(name + ": expected [B, " + channels + ", H, W], found " + Arrays.toString(shape));
    }
    return plans.get(shape, Plan::new);
  }

  private final class Plan extends NativeScope {
    final DnnlPrimitive training;
    final DnnlPrimitive inference;
    final DnnlPrimitive backward;
    final DnnlMemory src;
    final DnnlMemory dst;
    final DnnlMemory mean;
    final DnnlMemory var;
    final DnnlMemory scaleShift;
    final DnnlMemory diffDst;
    final DnnlMemory diffSrc;
    final DnnlMemory diffScaleShift;

    Plan(long[] shape) {
      dnnl_memory_desc_t data = Dnnl.desc(shape, Dnnl.blockedTag());
      dnnl_memory_desc_t stat = Dnnl.desc(new long[] {channels}, dnnl_x);
      dnnl_memory_desc_t ss = Dnnl.desc(new long[] {2, channels}, dnnl_nc);
      src = own(DnnlMemory.view(name + " src", data));
      dst = own(DnnlMemory.view(name + " dst", data));
      mean = own(DnnlMemory.view(name + " mean", stat));
      var = own(DnnlMemory.view(name + " variance", stat));
      scaleShift = own(DnnlMemory.view(name + " gamma/beta", ss));
      diffDst = own(DnnlMemory.view(name + " diff dst", data));
      diffSrc = own(DnnlMemory.view(name + " diff src", data));
      diffScaleShift = own(DnnlMemory.view(name + " diff gamma/beta", ss));
      training = own(DnnlPrimitive.create(name + " forward", desc(dnnl_forward_training, data, dnnl_use_scaleshift),
          null, DNNL_ARG_SRC, DNNL_ARG_SCALE_SHIFT, DNNL_ARG_DST, DNNL_ARG_MEAN, DNNL_ARG_VARIANCE))
          .bind(src).bind(scaleShift).bind(dst).bind(mean).bind(var);
      inference = own(DnnlPrimitive.create(name + " inference",
          desc(dnnl_forward_inference, data, dnnl_use_scaleshift | dnnl_use_global_stats), null,
          DNNL_ARG_SRC, DNNL_ARG_MEAN, DNNL_ARG_VARIANCE, DNNL_ARG_SCALE_SHIFT, DNNL_ARG_DST))
          .bind(src).bind(mean).bind(var).bind(scaleShift).bind(dst);
      dnnl_batch_normalization_desc_t bd = new dnnl_batch_normalization_desc_t();
      Dnnl.check(dnnl_batch_normalization_backward_desc_init(bd, dnnl_backward, data, data, eps, dnnl_use_scaleshift),
          name + " backward descriptor");
      backward = own(DnnlPrimitive.create(name + " backward", bd, training, DNNL_ARG_SRC, DNNL_ARG_MEAN,
          DNNL_ARG_VARIANCE, DNNL_ARG_DIFF_DST, DNNL_ARG_SCALE_SHIFT, DNNL_ARG_DIFF_SRC, DNNL_ARG_DIFF_SCALE_SHIFT))
          .bind(src).bind(mean).bind(var).bind(diffDst).bind(scaleShift).bind(diffSrc).bind(diffScaleShift);
    }

    private dnnl_batch_normalization_desc_t desc(int prop, dnnl_memory_desc_t data, int flags) {
      dnnl_batch_normalization_desc_t d = new dnnl_batch_normalization_desc_t();
      Dnnl.check(dnnl_batch_normalization_forward_desc_init(d, prop, data, eps, flags), name + " forward descriptor");
      return d;
    }
  }
}
