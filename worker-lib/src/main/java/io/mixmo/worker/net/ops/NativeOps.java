package io.mixmo.worker.net.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The libnd4j operations the MixMo layers are made of, one static method each, writing into arrays
 * the caller allocated (in the right DL4J workspace). With the {@code -onednn*} native build,
 * {@code conv2d} and {@code conv2d_bp} run as oneDNN primitives; the element-wise and broadcast
 * operations chosen here are the libnd4j ones measured fastest on NCHW activations (see
 * {@code docs/benchmarks.md}, "layer operations": the legacy TAD-based broadcast ops along the channel
 * dimension are 15× slower than the custom {@code multiply}/{@code biasadd} used here).
 *
 * <p>Runs wherever the graph runs (executor tasks, the driver for evaluation and tests), on the
 * calling thread; libnd4j and oneDNN parallelise inside an op with OpenMP.
 */
public final class NativeOps {
  private NativeOps() {}

  /** NCHW input, OIHW weights ({@code [nOut, nIn, kH, kW]}), explicit symmetric zero padding, no dilation. */
  private static int[] convArgs(int[] kernel, int[] stride, int[] padding) {
    return new int[] {kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], 1, 1,
        0 /* explicit padding, not SAME */, 0 /* NCHW */, 1 /* weights [oC, iC, kH, kW] */};
  }

  /** {@code out = conv2d(x, w)}, no bias. */
  public static void conv2d(INDArray x, INDArray w, INDArray out, int[] kernel, int[] stride, int[] padding) {
    Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, w).addOutputs(out)
        .addIntegerArguments(convArgs(kernel, stride, padding)).build());
  }

  /** {@code out = conv2d(x, w) + b}, bias {@code b} of rank 1 [nOut]. */
  public static void conv2dWithBias(INDArray x, INDArray w, INDArray b, INDArray out, int[] kernel, int[] stride,
      int[] padding) {
    Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, w, b).addOutputs(out)
        .addIntegerArguments(convArgs(kernel, stride, padding)).build());
  }

  /** Gradients of {@link #conv2dWithBias}: input, weights and bias ({@code gradB} of rank 1). */
  public static void conv2dBackpropWithBias(INDArray x, INDArray w, INDArray b, INDArray gradOut, INDArray gradX,
      INDArray gradW, INDArray gradB, int[] kernel, int[] stride, int[] padding) {
    Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, b, gradOut).addOutputs(gradX, gradW, gradB)
        .addIntegerArguments(convArgs(kernel, stride, padding)).build());
  }

  /** Gradients of {@link #conv2d}: {@code gradX} (input) and {@code gradW} (weights) from {@code gradOut}. */
  public static void conv2dBackprop(INDArray x, INDArray w, INDArray gradOut, INDArray gradX, INDArray gradW,
      int[] kernel, int[] stride, int[] padding) {
    Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, gradOut).addOutputs(gradX, gradW)
        .addIntegerArguments(convArgs(kernel, stride, padding)).build());
  }

  /** {@code out = x ⊙ y} with NumPy broadcasting (e.g. y of shape [1, C, 1, 1] or [B, 1, H, W]). */
  public static void multiply(INDArray x, INDArray y, INDArray out) {
    Nd4j.exec(DynamicCustomOp.builder("multiply").addInputs(x, y).addOutputs(out).build());
  }

  /** {@code out = x + y} with NumPy broadcasting. */
  public static void add(INDArray x, INDArray y, INDArray out) {
    Nd4j.exec(DynamicCustomOp.builder("add").addInputs(x, y).addOutputs(out).build());
  }

  /** {@code out[b, c, h, w] = x[b, c, h, w] + bias[c]} for NCHW {@code x}; {@code out} may be {@code x}. */
  public static void addChannelBias(INDArray x, INDArray bias, INDArray out) {
    Nd4j.exec(DynamicCustomOp.builder("biasadd").addInputs(x, bias).addOutputs(out)
        .addBooleanArguments(true /* NCHW */).build());
  }

  /**
   * {@code out = γ·(x − mean)/√(var + eps) + β} along the channels of NCHW {@code x} (libnd4j's
   * {@code batchnorm}; cuDNN's kernel in the CUDA build's {@code -cudnn} natives). {@code mean},
   * {@code var}, {@code gamma}, {@code beta}: rank 1 [C].
   */
  public static void batchNorm(INDArray x, INDArray mean, INDArray var, INDArray gamma, INDArray beta, double eps,
      INDArray out) {
    Nd4j.exec(DynamicCustomOp.builder("batchnorm").addInputs(x, mean, var, gamma, beta).addOutputs(out)
        .addIntegerArguments(1 /* scale by gamma */, 1 /* shift by beta */, 1 /* channel axis */)
        .addFloatingPointArguments(eps).build());
  }

  /**
   * Gradients of {@link #batchNorm} when {@code mean} and {@code var} are {@code x}'s own batch
   * statistics (libnd4j's {@code batchnorm_bp} differentiates through them): {@code gradX},
   * {@code gradGamma}, {@code gradBeta}; {@code gradMean} and {@code gradVar} [C] are written too.
   */
  public static void batchNormBackprop(INDArray x, INDArray mean, INDArray var, INDArray gamma, INDArray beta,
      INDArray gradOut, double eps, INDArray gradX, INDArray gradMean, INDArray gradVar, INDArray gradGamma,
      INDArray gradBeta) {
    Nd4j.exec(DynamicCustomOp.builder("batchnorm_bp").addInputs(x, mean, var, gamma, beta, gradOut)
        .addOutputs(gradX, gradMean, gradVar, gradGamma, gradBeta)
        .addIntegerArguments(1, 1, 1).addFloatingPointArguments(eps).build());
  }

  /** {@code out = max(x, 0)}; {@code out} may be {@code x}. */
  public static void relu(INDArray x, INDArray out) {
    Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(x).addOutputs(out).addFloatingPointArguments(0.0).build());
  }

  /**
   * Mean and biased variance along dimension 1 of a 2-D array {@code x [rows, n]}: {@code mean[r]},
   * {@code variance[r]} (rank-1 arrays of length rows).
   */
  public static void rowMoments(INDArray x, INDArray mean, INDArray variance) {
    Nd4j.exec(DynamicCustomOp.builder("moments").addInputs(x).addOutputs(mean, variance)
        .addIntegerArguments(1).build());
  }
}
