package io.mixmo.worker.engine.cpu;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_auto;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_backward_data_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_backward_weights_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_equal;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_oihw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_diff_weights_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_weights_md;

import io.mixmo.worker.engine.ActShape;
import io.mixmo.worker.engine.Buf;
import io.mixmo.worker.engine.ConvGeometry;
import io.mixmo.worker.engine.ConvKernel;
import io.mixmo.worker.net.ops.Dnnl;
import io.mixmo.worker.net.ops.DnnlMemory;
import io.mixmo.worker.net.ops.DnnlPrimitive;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;

/**
 * One convolution planned on oneDNN (automatic algorithm: Winograd or direct): forward (training and
 * inference flavours), backward data, backward weights; activations blocked (the input plain NCHW
 * for an encoder); OIHW weights reordered into the kernel's layout on each call that reads them
 * and the weight gradient reordered back into the flat gradient buffer. Not thread-safe.
 */
final class CpuConvolution implements ConvKernel {
  private final NativeResources owned = new NativeResources("a oneDNN convolution");
  private final DnnlPrimitive fwdTraining;
  private final DnnlPrimitive fwdInference;
  private final DnnlPrimitive bwdData;
  private final DnnlPrimitive bwdWeights;
  private final Reordered wFwd;
  private final Reordered wInf;
  private final Reordered wBwd;
  private final Reordered dW;
  private final Slot src;
  private final Slot dst;
  private final Slot srcInf;
  private final Slot dstInf;
  private final Slot diffDst;
  private final Slot diffSrc;
  private final Slot srcW;
  private final Slot diffDstW;

  CpuConvolution(ConvGeometry g) {
    String name = g.name();
    ActShape in = g.in();
    ActShape out = g.out();
    long[] stride = {g.stride(), g.stride()};
    long[] padL = {g.padTop(), g.padLeft()};
    long[] padR = {g.padBottom(), g.padRight()};
    long[] wDims = {g.nOut(), in.channels(), g.kernel(), g.kernel()};
    dnnl_memory_desc_t srcMd = Dnnl.desc(dims(in), g.plainInput() ? dnnl_nchw : Dnnl.blockedTag());
    dnnl_memory_desc_t dstMd = Dnnl.desc(dims(out), Dnnl.blockedTag());
    dnnl_memory_desc_t anyW = Dnnl.desc(wDims, dnnl_format_tag_any);
    dnnl_memory_desc_t userW = Dnnl.desc(wDims, dnnl_oihw);
    int alg = dnnl_convolution_auto;
    fwdTraining = owned.own(DnnlPrimitive.create(name + " forward",
        forwardDesc(name, dnnl_forward_training, alg, srcMd, anyW, dstMd, stride, padL, padR), null,
        DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST));
    fwdInference = owned.own(DnnlPrimitive.create(name + " inference",
        forwardDesc(name, dnnl_forward_inference, alg, srcMd, anyW, dstMd, stride, padL, padR), null,
        DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST));
    wFwd = owned.own(new Reordered(name + " weights", userW, fwdTraining.desc(dnnl_query_weights_md, 0), true));
    wInf = owned.own(new Reordered(name + " inference weights", userW, fwdInference.desc(dnnl_query_weights_md, 0), true));
    src = owned.own(new Slot(name + " src", srcMd));
    dst = owned.own(new Slot(name + " dst", dstMd));
    srcInf = owned.own(new Slot(name + " src (inference)", srcMd));
    dstInf = owned.own(new Slot(name + " dst (inference)", dstMd));
    fwdTraining.bind(src.memory).bind(wFwd.kernel).bind(dst.memory);
    fwdInference.bind(srcInf.memory).bind(wInf.kernel).bind(dstInf.memory);
    if (g.plainInput()) {
      bwdData = null;
      wBwd = null;
      diffDst = null;
      diffSrc = null;
    } else {
      dnnl_convolution_desc_t bd = new dnnl_convolution_desc_t();
      Dnnl.check(dnnl_convolution_backward_data_desc_init(bd, alg, srcMd, anyW, dstMd, stride, padL,
          padR), name + " backward-data descriptor");
      bwdData = owned.own(DnnlPrimitive.create(name + " backward data", bd, fwdTraining, DNNL_ARG_DIFF_DST, DNNL_ARG_WEIGHTS,
          DNNL_ARG_DIFF_SRC));
      wBwd = owned.own(new Reordered(name + " backward weights", userW, bwdData.desc(dnnl_query_weights_md, 0), true));
      diffDst = owned.own(new Slot(name + " diff dst", dstMd));
      diffSrc = owned.own(new Slot(name + " diff src", srcMd));
      bwdData.bind(diffDst.memory).bind(wBwd.kernel).bind(diffSrc.memory);
    }
    dnnl_convolution_desc_t bw = new dnnl_convolution_desc_t();
    Dnnl.check(dnnl_convolution_backward_weights_desc_init(bw, alg, srcMd, anyW, null, dstMd, stride,
        padL, padR), name + " backward-weights descriptor");
    bwdWeights = owned.own(DnnlPrimitive.create(name + " backward weights", bw, fwdTraining, DNNL_ARG_SRC, DNNL_ARG_DIFF_DST,
        DNNL_ARG_DIFF_WEIGHTS));
    dW = owned.own(new Reordered(name + " weight gradient", userW, bwdWeights.desc(dnnl_query_diff_weights_md, 0), false));
    srcW = owned.own(new Slot(name + " src (weights)", srcMd));
    diffDstW = owned.own(new Slot(name + " diff dst (weights)", dstMd));
    bwdWeights.bind(srcW.memory).bind(diffDstW.memory).bind(dW.kernel);
  }

  private static long[] dims(ActShape s) {
    return new long[] {s.batch(), s.channels(), s.height(), s.width()};
  }

  private static dnnl_convolution_desc_t forwardDesc(String name, int prop, int alg, dnnl_memory_desc_t srcMd,
      dnnl_memory_desc_t w, dnnl_memory_desc_t dstMd, long[] stride, long[] padL, long[] padR) {
    dnnl_convolution_desc_t d = new dnnl_convolution_desc_t();
    Dnnl.check(dnnl_convolution_forward_desc_init(d, prop, alg, srcMd, w, null, dstMd, stride, padL,
        padR), name + " forward descriptor");
    return d;
  }

  @Override
  public void forward(Buf x, Buf w, Buf y, boolean training) {
    if (training) {
      wFwd.in(CpuBuf.of(w));
      src.at(CpuBuf.of(x));
      dst.at(CpuBuf.of(y));
      fwdTraining.execute();
    } else {
      wInf.in(CpuBuf.of(w));
      srcInf.at(CpuBuf.of(x));
      dstInf.at(CpuBuf.of(y));
      fwdInference.execute();
    }
  }

  @Override
  public void backwardData(Buf dy, Buf w, Buf dx) {
    if (bwdData == null) {
      throw new IllegalStateException("an encoder convolution computes no input gradient");
    }
    wBwd.in(CpuBuf.of(w));
    diffDst.at(CpuBuf.of(dy));
    diffSrc.at(CpuBuf.of(dx));
    bwdData.execute();
  }

  @Override
  public void backwardWeights(Buf x, Buf dy, Buf dw) {
    srcW.at(CpuBuf.of(x));
    diffDstW.at(CpuBuf.of(dy));
    CpuBuf target = CpuBuf.of(dw);
    dW.target(target);
    bwdWeights.execute();
    dW.out(target);
  }

  @Override
  public void close() {
    owned.close();
  }

  /** OIHW values (a slice of the flat buffers) and the kernel's layout, with the reorder between them. */
  private static final class Reordered implements AutoCloseable {
    final Slot user;
    final DnnlMemory kernel;
    final DnnlPrimitive reorder;

    Reordered(String name, dnnl_memory_desc_t userDesc, dnnl_memory_desc_t kernelDesc, boolean intoKernel) {
      user = new Slot(name + " (OIHW)", userDesc);
      if (dnnl_memory_desc_equal(userDesc, kernelDesc) != 0) {
        kernel = user.memory;
        reorder = null;
      } else {
        kernel = DnnlMemory.owned(name + " (kernel layout)", kernelDesc);
        reorder = intoKernel ? DnnlPrimitive.reorder(name, userDesc, kernelDesc).bind(user.memory).bind(kernel)
            : DnnlPrimitive.reorder(name, kernelDesc, userDesc).bind(kernel).bind(user.memory);
      }
    }

    void in(CpuBuf w) {
      user.at(w);
      if (reorder != null) {
        reorder.execute();
      }
    }

    /**
     * Points the user side at {@code w} before the kernel writes: without a reorder the kernel writes
     * straight into the user side, which must hold the target's address then, not after.
     */
    void target(CpuBuf w) {
      user.at(w);
    }

    void out(CpuBuf w) {
      user.at(w);
      if (reorder != null) {
        reorder.execute();
      }
    }

    @Override
    public void close() {
      if (reorder != null) {
        reorder.close();
        kernel.close();
      }
      user.close();
    }
  }
}
