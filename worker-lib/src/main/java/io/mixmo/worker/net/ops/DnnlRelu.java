package io.mixmo.worker.net.ops;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_backward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_relu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_x;

import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ReLU's oneDNN kernels for one layer: y = max(x, 0) and dx = dy ⊙ [x > 0] in one pass each,
 * on the activation seen as a flat vector (element-wise, so any layout). Not thread-safe.
 */
final class DnnlRelu {
  private final String name;
  private final PlanCache<Plan> plans = new PlanCache<>();

  DnnlRelu(String name) {
    this.name = name;
  }

  void forward(INDArray x, INDArray y) {
    Plan p = plans.get(new long[] {x.length()}, Plan::new);
    p.src.point(x);
    p.dst.point(y);
    p.forward.execute();
  }

  void backward(INDArray x, INDArray dy, INDArray dx) {
    Plan p = plans.get(new long[] {x.length()}, Plan::new);
    p.srcB.point(x);
    p.diffDst.point(dy);
    p.diffSrc.point(dx);
    p.backward.execute();
  }

  private final class Plan extends NativeScope {
    final DnnlPrimitive forward;
    final DnnlPrimitive backward;
    final DnnlMemory src;
    final DnnlMemory dst;
    final DnnlMemory srcB;
    final DnnlMemory diffDst;
    final DnnlMemory diffSrc;

    Plan(long[] length) {
      long n = length[0];
      dnnl_memory_desc_t flat = Dnnl.desc(new long[] {n}, dnnl_x);
      dnnl_eltwise_desc_t fd = new dnnl_eltwise_desc_t();
      Dnnl.check(dnnl_eltwise_forward_desc_init(fd, dnnl_forward_training, dnnl_eltwise_relu, flat, 0f, 0f),
          name + " forward descriptor");
      src = own(DnnlMemory.view(name + " src", flat));
      dst = own(DnnlMemory.view(name + " dst", flat));
      forward = own(DnnlPrimitive.create(name + " forward", fd, null, DNNL_ARG_SRC, DNNL_ARG_DST)).bind(src).bind(dst);
      dnnl_eltwise_desc_t bd = new dnnl_eltwise_desc_t();
      Dnnl.check(dnnl_eltwise_backward_desc_init(bd, dnnl_eltwise_relu, flat, flat, 0f, 0f), name + " backward descriptor");
      srcB = own(DnnlMemory.view(name + " src (backward)", flat));
      diffDst = own(DnnlMemory.view(name + " diff dst", flat));
      diffSrc = own(DnnlMemory.view(name + " diff src", flat));
      backward = own(DnnlPrimitive.create(name + " backward", bd, forward, DNNL_ARG_SRC, DNNL_ARG_DIFF_DST,
          DNNL_ARG_DIFF_SRC)).bind(srcB).bind(diffDst).bind(diffSrc);
    }
  }
}
