package io.mixmo.worker.net.ops;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_avg_include_padding;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_v2_backward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_v2_forward_desc_init;

import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_pooling_v2_desc_t;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Global average pooling's oneDNN kernels for one layer: blocked [B, C, H, W] to [B, C]. The output
 * is described to oneDNN as the blocked [B, C, 1, 1] tensor, whose memory is exactly the plain
 * [B, C] matrix DL4J's dense heads read (C a multiple of the block). Not thread-safe.
 */
final class DnnlGlobalPooling {
  private static final long[] ONE = {1, 1};
  private static final long[] ZERO = {0, 0};
  private final String name;
  private final PlanCache<Plan> plans = new PlanCache<>();

  DnnlGlobalPooling(String name) {
    this.name = name;
  }

  /** out [B, C] = mean over H, W of x [B, C, H, W]. */
  void forward(INDArray x, INDArray out, boolean training) {
    Plan p = plan(x.shape());
    p.src.point(x);
    p.dst.point(out);
    (training ? p.training : p.inference).execute();
  }

  /** dx [B, C, H, W] = dOut [B, C] / (H·W) broadcast over positions. */
  void backward(INDArray dOut, INDArray dx) {
    Plan p = plan(dx.shape());
    p.diffDst.point(dOut);
    p.diffSrc.point(dx);
    p.backward.execute();
  }

  private Plan plan(long[] shape) {
    return plans.get(shape, Plan::new);
  }

  private final class Plan extends NativeScope {
    final DnnlPrimitive training;
    final DnnlPrimitive inference;
    final DnnlPrimitive backward;
    final DnnlMemory src;
    final DnnlMemory dst;
    final DnnlMemory diffDst;
    final DnnlMemory diffSrc;

    Plan(long[] shape) {
      long[] kernel = {shape[2], shape[3]};
      dnnl_memory_desc_t in = Dnnl.desc(shape, Dnnl.blockedTag());
      dnnl_memory_desc_t out = Dnnl.desc(new long[] {shape[0], shape[1], 1, 1}, Dnnl.blockedTag());
      src = own(DnnlMemory.view(name + " src", in));
      dst = own(DnnlMemory.view(name + " dst", out));
      diffDst = own(DnnlMemory.view(name + " diff dst", out));
      diffSrc = own(DnnlMemory.view(name + " diff src", in));
      training = own(DnnlPrimitive.create(name + " forward", forward(dnnl_forward_training, in, out, kernel), null,
          DNNL_ARG_SRC, DNNL_ARG_DST)).bind(src).bind(dst);
      inference = own(DnnlPrimitive.create(name + " inference", forward(dnnl_forward_inference, in, out, kernel), null,
          DNNL_ARG_SRC, DNNL_ARG_DST)).bind(src).bind(dst);
      dnnl_pooling_v2_desc_t bd = new dnnl_pooling_v2_desc_t();
      Dnnl.check(dnnl_pooling_v2_backward_desc_init(bd, dnnl_pooling_avg_include_padding, in, out, ONE, kernel, ZERO,
          ZERO, ZERO), name + " backward descriptor");
      backward = own(DnnlPrimitive.create(name + " backward", bd, training, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_SRC))
          .bind(diffDst).bind(diffSrc);
    }

    private dnnl_pooling_v2_desc_t forward(int prop, dnnl_memory_desc_t in, dnnl_memory_desc_t out, long[] kernel) {
      dnnl_pooling_v2_desc_t d = new dnnl_pooling_v2_desc_t();
      Dnnl.check(dnnl_pooling_v2_forward_desc_init(d, prop, dnnl_pooling_avg_include_padding, in, out, ONE, kernel, ZERO,
          ZERO, ZERO), name + " forward descriptor");
      return d;
    }
  }
}
