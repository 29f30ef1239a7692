package io.mixmo.worker.net.ops;

import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_init_submemory;

import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Zero padding's oneDNN kernels for one layer, on blocked activations: forward copies x into the
 * interior of a zeroed output (a reorder into a sub-memory at the top-left padding offsets);
 * backward copies the interior of the output gradient out. Not thread-safe.
 */
final class DnnlPadding {
  private final String name;
  private final int[] padding; // top, bottom, left, right
  private final PlanCache<Plan> plans = new PlanCache<>();

  DnnlPadding(String name, int[] padding) {
    this.name = name;
    this.padding = padding.clone();
  }

  /** out (zeroed by the caller) gets x in its interior. */
  void forward(INDArray x, INDArray out) {
    Plan p = plan(x.shape(), out.shape());
    p.dense.point(x);
    p.interior.point(out);
    p.in.execute();
  }

  /** dx = interior of dOut. */
  void backward(INDArray dOut, INDArray dx) {
    Plan p = plan(dx.shape(), dOut.shape());
    p.dense.point(dx);
    p.interior.point(dOut);
    p.out.execute();
  }

  private Plan plan(long[] inner, long[] outer) {
    return plans.get(inner, shape -> new Plan(shape, outer));
  }

  private final class Plan extends NativeScope {
    final DnnlMemory dense;
    final DnnlMemory interior;
    final DnnlPrimitive in;
    final DnnlPrimitive out;

    Plan(long[] inner, long[] outer) {
      dnnl_memory_desc_t denseMd = Dnnl.desc(inner, Dnnl.blockedTag());
      dnnl_memory_desc_t paddedMd = Dnnl.desc(outer, Dnnl.blockedTag());
      dnnl_memory_desc_t sub = new dnnl_memory_desc_t();
      Dnnl.check(dnnl_memory_desc_init_submemory(sub, paddedMd, inner, new long[] {0, 0, padding[0], padding[2]}),
          name + " interior descriptor");
      dense = own(DnnlMemory.view(name + " dense", denseMd));
      interior = own(DnnlMemory.part(name + " interior", sub, paddedMd));
      in = own(DnnlPrimitive.reorder(name + " pad", denseMd, sub)).bind(dense).bind(interior);
      out = own(DnnlPrimitive.reorder(name + " unpad", sub, denseMd)).bind(interior).bind(dense);
    }
  }
}
