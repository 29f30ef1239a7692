package io.mixmo.worker.net.ops;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Small shape helpers of the op layers (pure; any thread). */
final class Arrays4d {
  private Arrays4d() {}

  /** {@code x} itself when it is a dense C-order array, else a C-order copy in the given workspace. */
  static INDArray contiguous(INDArray x, LayerWorkspaceMgr mgr, ArrayType where) {
    if (isDense(x)) {
      return x;
    }
    return mgr.dup(where, x, 'c');
  }

  /** {@code x} itself; fails naming the layer when it is not a dense C-order array (blocked data cannot be copied as a view). */
  static INDArray requireDense(INDArray x, String layer) {
    if (!isDense(x)) {
      throw new IllegalStateException("layer " + layer + ": the DNNL kernels need dense arrays, found a view with strides "
          + java.util.Arrays.toString(x.stride()));
    }
    return x;
  }

  /**
   * Whether {@code x}'s elements are laid out densely in C order from its offset on: every dimension
   * longer than 1 has the stride of the product of the later sizes (dimensions of size 1 may have any).
   */
  static boolean isDense(INDArray x) {
    long expected = 1;
    for (int d = x.rank() - 1; d >= 0; d--) {
      if (x.size(d) > 1 && x.stride(d) != expected) {
        return false;
      }
      expected *= x.size(d);
    }
    return true;
  }

  /** A rank-1 length-C array seen as [1, C, 1, 1], for broadcasting over the channels of NCHW arrays. */
  static INDArray perChannel(INDArray c) {
    return c.reshape('c', 1, c.length(), 1, 1);
  }
}
