package io.mixmo.worker.net.ops;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_backward_data_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_backward_weights_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_auto;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_oihw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_diff_weights_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_weights_md;

import java.util.Arrays;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A convolution's oneDNN kernels (forward, backward data, backward weights; no bias) for one layer,
 * with oneDNN's automatic algorithm choice (it takes Winograd F(4×4, 3×3) for 3×3 stride-1
 * convolutions where its heuristics find it faster — 2.5× for the 64-channel 32×32 case measured —
 * and direct convolution otherwise):
 * activations in {@link Dnnl#blockedTag()} (the input in plain NCHW for a layer reading a graph
 * input), weights kept by DL4J as OIHW and reordered into the kernel's preferred layout on each
 * call (the weight gradient back to OIHW). Primitives are built for the first input shape seen and
 * rebuilt when it changes (e.g. a smaller last batch). Not thread-safe: one per layer instance.
 */
final class DnnlConvolution {
  private final String name;
  private final long nIn;
  private final long nOut;
  private final long[] kernel;
  private final long[] stride;
  private final long[] padding;
  private final int inputTag;
  private final PlanCache<Plan> plans = new PlanCache<>();

  DnnlConvolution(String name, long nIn, long nOut, int[] kernel, int[] stride, int[] padding, boolean plainInput) {
    this.name = name;
    this.nIn = nIn;
    this.nOut = nOut;
    this.kernel = new long[] {kernel[0], kernel[1]};
    this.stride = new long[] {stride[0], stride[1]};
    this.padding = new long[] {padding[0], padding[1]};
    this.inputTag = plainInput ? dnnl_nchw : Dnnl.blockedTag();
  }

  /** out = conv(x, w); out [B, nOut, oh, ow] in the blocked layout. */
  void forward(INDArray x, INDArray w, INDArray out, boolean training) {
    Plan p = plan(x.shape(), out.shape());
    (training ? p.weightsFwd : p.weightsInf).reorder(w);
    DnnlPrimitive fwd = training ? p.fwdTraining : p.fwdInference;
    p.src.point(x);
    p.dst.point(out);
    fwd.execute();
  }

  /**
   * Gradients from {@code gradOut}: {@code gradW} (OIHW, DL4J's gradient view) and, unless
   * {@code gradIn} is null (the input is a graph input), {@code gradIn} in the input's layout.
   */
  void backward(INDArray x, INDArray w, INDArray gradOut, INDArray gradIn, INDArray gradW) {
    Plan p = plan(x.shape(), gradOut.shape());
    if (gradIn != null) {
      p.weightsBwd.reorder(w);
      p.diffDst.point(gradOut);
      p.diffSrc.point(gradIn);
      p.bwdData.execute();
    }
    p.srcW.point(x);
    p.diffDstW.point(gradOut);
    p.diffWeights.target(gradW);
    p.bwdWeights.execute();
    p.diffWeights.toUser(gradW);
  }

  private Plan plan(long[] in, long[] out) {
    if (in[1] != nIn || out[1] != nOut) {
      throw new IllegalArgumentException(name + ": expected " + nIn + " -> " + nOut + " channels, found input "
          + Arrays.toString(in) + " output " + Arrays.toString(out));
    }
    return plans.get(in, shape -> new Plan(shape, out));
  }

  /** The primitives and memories for one input shape. */
  private final class Plan extends NativeScope {
    final long[] in;
    final DnnlPrimitive fwdTraining;
    final DnnlPrimitive fwdInference;
    final DnnlPrimitive bwdData;
    final DnnlPrimitive bwdWeights;
    final DnnlMemory src;
    final DnnlMemory dst;
    final DnnlMemory diffDst;
    final DnnlMemory diffSrc;
    final DnnlMemory srcW;
    final DnnlMemory diffDstW;
    final WeightsLayout weightsFwd;
    final WeightsLayout weightsInf;
    final WeightsLayout weightsBwd;
    final WeightsLayout diffWeights;

    Plan(long[] in, long[] out) {
      this.in = in.clone();
      dnnl_memory_desc_t srcMd = Dnnl.desc(in, inputTag);
      dnnl_memory_desc_t dstMd = Dnnl.desc(out, Dnnl.blockedTag());
      dnnl_memory_desc_t anyW = Dnnl.desc(new long[] {nOut, nIn, kernel[0], kernel[1]}, dnnl_format_tag_any);
      fwdTraining = own(DnnlPrimitive.create(name + " forward", forwardDesc(dnnl_forward_training, srcMd, anyW, dstMd),
          null, DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST));
      fwdInference = own(DnnlPrimitive.create(name + " inference",
          forwardDesc(dnnl_forward_inference, srcMd, anyW, dstMd), null, DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST));
      dnnl_convolution_desc_t bd = new dnnl_convolution_desc_t();
      Dnnl.check(dnnl_convolution_backward_data_desc_init(bd, dnnl_convolution_auto, srcMd, anyW, dstMd, stride,
          padding, padding), name + " backward-data descriptor");
      bwdData = own(DnnlPrimitive.create(name + " backward data", bd, fwdTraining, DNNL_ARG_DIFF_DST, DNNL_ARG_WEIGHTS,
          DNNL_ARG_DIFF_SRC));
      dnnl_convolution_desc_t bw = new dnnl_convolution_desc_t();
      Dnnl.check(dnnl_convolution_backward_weights_desc_init(bw, dnnl_convolution_auto, srcMd, anyW, null, dstMd,
          stride, padding, padding), name + " backward-weights descriptor");
      bwdWeights = own(DnnlPrimitive.create(name + " backward weights", bw, fwdTraining, DNNL_ARG_SRC,
          DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_WEIGHTS));

      dnnl_memory_desc_t userW = Dnnl.desc(new long[] {nOut, nIn, kernel[0], kernel[1]}, dnnl_oihw);
      weightsFwd = own(WeightsLayout.into(name + " weights", userW, fwdTraining.desc(dnnl_query_weights_md, 0)));
      weightsInf = own(WeightsLayout.into(name + " inference weights", userW,
          fwdInference.desc(dnnl_query_weights_md, 0)));
      weightsBwd = own(WeightsLayout.into(name + " backward weights", userW, bwdData.desc(dnnl_query_weights_md, 0)));
      diffWeights = own(WeightsLayout.outOf(name + " weight gradient", bwdWeights.desc(dnnl_query_diff_weights_md, 0),
          userW));

      src = own(DnnlMemory.view(name + " src", srcMd));
      dst = own(DnnlMemory.view(name + " dst", dstMd));
      fwdTraining.bind(src).bind(weightsFwd.kernelSide()).bind(dst);
      fwdInference.bind(src).bind(weightsInf.kernelSide()).bind(dst);
      diffDst = own(DnnlMemory.view(name + " diff dst", dstMd));
      diffSrc = own(DnnlMemory.view(name + " diff src", srcMd));
      bwdData.bind(diffDst).bind(weightsBwd.kernelSide()).bind(diffSrc);
      srcW = own(DnnlMemory.view(name + " src (weights)", srcMd));
      diffDstW = own(DnnlMemory.view(name + " diff dst (weights)", dstMd));
      bwdWeights.bind(srcW).bind(diffDstW).bind(diffWeights.kernelSide());
    }

    private dnnl_convolution_desc_t forwardDesc(int prop, dnnl_memory_desc_t srcMd, dnnl_memory_desc_t w,
        dnnl_memory_desc_t dstMd) {
      dnnl_convolution_desc_t d = new dnnl_convolution_desc_t();
      Dnnl.check(dnnl_convolution_forward_desc_init(d, prop, dnnl_convolution_auto, srcMd, w, null, dstMd, stride,
          padding, padding), name + " forward descriptor");
      return d;
    }
  }
}
