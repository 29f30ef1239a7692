package io.mixmo.worker.net.ops;

import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Test helper: NCHW float arrays to and from the DNNL kernels' blocked layout (oneDNN reorders). */
final class BlockedArrays {
  private BlockedArrays() {}

  static INDArray toBlocked(INDArray nchw) {
    return reorder(nchw, dnnl_nchw, Dnnl.blockedTag());
  }

  static INDArray toNchw(INDArray blocked) {
    return reorder(blocked, Dnnl.blockedTag(), dnnl_nchw);
  }

  private static INDArray reorder(INDArray x, int fromTag, int toTag) {
    INDArray src = x.dup('c');
    INDArray dst = src.ulike();
    DnnlMemory from = DnnlMemory.view("test from", Dnnl.desc(src.shape(), fromTag)).point(src);
    DnnlMemory to = DnnlMemory.view("test to", Dnnl.desc(src.shape(), toTag)).point(dst);
    DnnlPrimitive.reorder("test", Dnnl.desc(src.shape(), fromTag), Dnnl.desc(src.shape(), toTag))
        .bind(from).bind(to).execute();
    return dst;
  }
}
