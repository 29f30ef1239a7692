package io.mixmo.worker.net.ops;

import static io.mixmo.worker.net.ops.BlockedArrays.toBlocked;
import static io.mixmo.worker.net.ops.BlockedArrays.toNchw;
import static io.mixmo.worker.net.ops.Gaussians.relDiff;
import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.worker.net.RegularizedBatchNormalization;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Each op layer equals the DL4J layer it replaces, on the same parameters and inputs, forward
 * (training and inference) and backward (input and parameter gradients), with both kernel sets.
 * DNNL layers take and give blocked activations: inputs are reordered to the blocked layout and
 * outputs back to NCHW before comparing. Float32; the tolerance covers oneDNN's Winograd
 * convolutions (F(4×4, 3×3) rounds differently from im2col + gemm).
 */
class OpLayersMatchDl4jLayersTest {
  private static final double TOLERANCE = 2e-4;

  @BeforeAll
  static void threads() {
    ComputeThreads.useOnThisThread(2);
  }

  /** name, DL4J layer, op layer, input shape, whether the input stays NCHW with DNNL (a graph input). */
  static Stream<Arguments> layers() {
    return Stream.of(
        conv("3x3 stride 1 pad 1", 16, 32, 3, 1, 1, new long[] {4, 16, 12, 12}, false),
        conv("3x3 stride 2 pad 0", 32, 32, 3, 2, 0, new long[] {4, 32, 13, 13}, false),
        conv("3x3 stride 2 pad 1", 16, 32, 3, 2, 1, new long[] {4, 16, 12, 12}, false),
        conv("1x1 stride 2", 16, 32, 1, 2, 0, new long[] {4, 16, 12, 12}, false),
        conv("encoder 3->16", 3, 16, 3, 1, 1, new long[] {4, 3, 12, 12}, true),
        Arguments.of("batch norm", RegularizedBatchNormalization.of(32), OpBatchNormalization.of(32),
            new long[] {6, 32, 5, 5}, false),
        Arguments.of("relu", new ActivationLayer(Activation.RELU), OpRelu.create(), new long[] {3, 16, 6, 6}, false),
        Arguments.of("zero padding (0,1,0,1)", new ZeroPaddingLayer(0, 1, 0, 1), OpZeroPadding.of(0, 1, 0, 1),
            new long[] {3, 16, 6, 6}, false),
        Arguments.of("global average pooling", new GlobalPoolingLayer(PoolingType.AVG), OpGlobalAveragePooling.create(),
            new long[] {5, 32, 4, 4}, false));
  }

  private static Arguments conv(String name, int nIn, int nOut, int k, int s, int p, long[] in, boolean graphInput) {
    ConvolutionLayer dl4j = new ConvolutionLayer.Builder(k, k).stride(s, s).padding(p, p)
        .convolutionMode(ConvolutionMode.Truncate).nIn(nIn).nOut(nOut).hasBias(false).activation(Activation.IDENTITY)
        .weightInit(WeightInit.RELU).build();
    return Arguments.of("conv " + name, dl4j, OpConvolution.of(dl4j, graphInput), in, graphInput);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void opLayerMatchesDl4jLayer(String name, org.deeplearning4j.nn.conf.layers.Layer dl4jConf,
      org.deeplearning4j.nn.conf.layers.Layer opConf, long[] inShape, boolean graphInput) {
    SingleLayer reference = SingleLayer.of(dl4jConf, KernelSet.ND4J_OPS, null, DataType.FLOAT);
    Gaussians data = new Gaussians(name.hashCode());
    if (reference.params != null) { // non-trivial γ, β and running statistics
      reference.params.addi(data.next(DataType.FLOAT, reference.params.shape()).muli(0.3));
      if (dl4jConf instanceof RegularizedBatchNormalization) {
        long c = reference.params.length() / 4;
        reference.params.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.interval(3 * c, 4 * c)).muli(0).addi(0.5);
      }
    }
    INDArray x = data.next(DataType.FLOAT, inShape);
    for (boolean training : new boolean[] {true, false}) {
      INDArray expected = reference.forward(x, training);
      INDArray eps = data.next(DataType.FLOAT, expected.shape());
      Pair<Gradient, INDArray> expectedBack = training ? reference.backward(eps) : null;
      for (KernelSet kernels : KernelSet.values()) {
        SingleLayer op = SingleLayer.of(opConf, kernels, reference.params, DataType.FLOAT);
        boolean blocked = kernels == KernelSet.DNNL;
        INDArray in = blocked && !graphInput ? toBlocked(x) : x;
        INDArray out = op.forward(in, training);
        INDArray outNchw = blocked && out.rank() == 4 ? toNchw(out) : out;
        String what = name + " / " + kernels + (training ? " training" : " inference");
        assertThat(relDiff(outNchw, expected)).as(what + " forward").isLessThan(TOLERANCE);
        if (!training) {
          continue;
        }
        Pair<Gradient, INDArray> back = op.backward(blocked && eps.rank() == 4 ? toBlocked(eps) : eps);
        if (graphInput) {
          assertThat(back.getSecond()).as(what + ": no gradient for a graph input").isNull();
        } else {
          INDArray dx = blocked ? toNchw(back.getSecond()) : back.getSecond();
          assertThat(relDiff(dx, expectedBack.getSecond())).as(what + " input gradient").isLessThan(TOLERANCE);
        }
        for (String key : List.copyOf(expectedBack.getFirst().gradientForVariable().keySet())) {
          INDArray g = back.getFirst().getGradientFor(key);
          assertThat(g).as(what + " gradient of " + key).isNotNull();
          assertThat(relDiff(g, expectedBack.getFirst().getGradientFor(key))).as(what + " gradient of " + key)
              .isLessThan(TOLERANCE);
        }
        assertThat(back.getFirst().gradientForVariable().keySet()).as(what + " gradient keys")
            .isEqualTo(expectedBack.getFirst().gradientForVariable().keySet());
      }
    }
  }
}
