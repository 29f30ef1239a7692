package io.mixmo.worker.net.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GAMMA;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GLOBAL_MEAN;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GLOBAL_VAR;

import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
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
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The analytic gradients of each op layer — of the input (the epsilon backpropGradient returns) and
 * of every trained parameter (W, b, γ, β) — against central finite differences of the scalar loss
 * L = Σ out ⊙ R for a fixed seeded R, whose analytic gradient is backpropGradient(R). Every forward
 * is a training forward (batch norm on batch statistics: perturbing one input moves the statistics,
 * which the analytic gradient must account for). DNNL layers take and give blocked activations:
 * tensors are perturbed in NCHW and reordered ({@link BlockedArrays}). Unlike
 * {@link OpLayersMatchDl4jLayersTest}, this does not assume DL4J's layers are right.
 *
 * <p>Float32 kernels. Every layer but batch norm is linear (ReLU: piecewise linear, its inputs drawn
 * at least 5·EPS from the kink) in the perturbed tensor, so the central difference has no truncation
 * error, only float32 rounding of the outputs divided by 2·EPS; batch norm's truncation error is
 * O(EPS²) and smaller still through the 1/N of its batch statistics (N = 144 values per channel).
 * With EPS = 1e-2 the worst |num − ana| measured over all cases was 8e-5 of the tensor's largest
 * analytic gradient (batch norm's input gradient; convolutions ≤ 3e-5, ReLU and padding ~1e-13). The
 * rule per coordinate, |num − ana| ≤ RTOL·max(|num|, |ana|) + ATOL·max|ana| (over the tensor), with
 * RTOL = 5e-3 and ATOL = 1e-3, leaves ten times that margin and still fails on a 10 % error in any
 * coordinate above 1 % of the tensor's scale: checked once by scaling the analytic input gradients
 * by 1.1 (all 22 cases failed), then the parameter gradients (all 16 cases with parameters failed).
 */
class OpLayersGradientCheckTest {
  private static final double EPS = 1e-2;
  private static final double RTOL = 5e-3;
  private static final double ATOL = 1e-3;
  private static final int COORDINATES = 32;
  private static final List<KernelSet> BOTH = List.of(KernelSet.DNNL, KernelSet.ND4J_OPS);

  @BeforeAll
  static void threads() {
    ComputeThreads.useOnThisThread(2);
  }

  /** One layer under test: its configuration, NCHW input shape, whether it reads a graph input. */
  record Case(String name, Layer conf, long[] inShape, boolean graphInput, List<KernelSet> kernels) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        conv("3x3 stride 1 pad 1", 16, 3, 1, 1, false, 6, BOTH),
        conv("3x3 stride 2 pad 0 (after the (0,1,0,1) padding)", 16, 3, 2, 0, false, 7, BOTH),
        conv("3x3 stride 2 pad 1", 16, 3, 2, 1, false, 6, BOTH),
        conv("1x1 stride 1", 16, 1, 1, 0, false, 6, BOTH),
        conv("1x1 stride 2", 16, 1, 2, 0, false, 6, BOTH),
        conv("encoder 3->16, graph input", 3, 3, 1, 1, false, 6, BOTH),
        conv("3x3 stride 1 pad 1 with bias", 16, 3, 1, 1, true, 6, List.of(KernelSet.ND4J_OPS)),
        new Case("batch norm", OpBatchNormalization.of(16), new long[] {4, 16, 6, 6}, false,
            List.of(KernelSet.values())),
        new Case("relu", OpRelu.create(), new long[] {2, 16, 6, 6}, false, BOTH),
        new Case("zero padding (0,1,0,1)", OpZeroPadding.of(0, 1, 0, 1), new long[] {2, 16, 6, 6}, false, BOTH),
        new Case("global average pooling", OpGlobalAveragePooling.create(), new long[] {2, 16, 6, 6}, false, BOTH))
        .flatMap(c -> c.kernels().stream().map(k -> Arguments.of(c, k)));
  }

  private static Case conv(String name, int nIn, int k, int s, int p, boolean bias, int side, List<KernelSet> kernels) {
    boolean graphInput = nIn == 3;
    ConvolutionLayer dl4j = new ConvolutionLayer.Builder(k, k).stride(s, s).padding(p, p)
        .convolutionMode(ConvolutionMode.Truncate).nIn(nIn).nOut(16).hasBias(bias).activation(Activation.IDENTITY)
        .weightInit(WeightInit.RELU).build();
    return new Case("conv " + name, OpConvolution.of(dl4j, graphInput), new long[] {2, nIn, side, side}, graphInput,
        kernels);
  }

  @ParameterizedTest(name = "{0} / {1}")
  @MethodSource("cases")
  void analyticGradientsMatchCentralDifferences(Case c, KernelSet kernels) {
    String what = c.name() + " / " + kernels;
    Gaussians data = new Gaussians(c.name().hashCode());
    SingleLayer op = SingleLayer.of(c.conf(), kernels, null, DataType.FLOAT);
    seedParameters(op, data);
    INDArray x = input(c, data);
    Layout layout = new Layout(kernels == KernelSet.DNNL, c.graphInput());
    INDArray out = layout.nchw(op.forward(layout.input(x), true));
    assertThat(layout.nchw(op.forward(layout.input(x), true))).as(what + ": a repeated training forward").isEqualTo(out);
    INDArray r = data.next(DataType.FLOAT, out.shape());
    DoubleSupplier loss = () -> layout.nchw(op.forward(layout.input(x), true)).castTo(DataType.DOUBLE)
        .mul(r.castTo(DataType.DOUBLE)).sumNumber().doubleValue();

    op.forward(layout.input(x), true);
    Pair<Gradient, INDArray> back = op.backward(layout.activation(r));
    Map<String, INDArray> grads = new TreeMap<>();
    back.getFirst().gradientForVariable().forEach((key, g) -> grads.put(key, g.dup()));
    grads.keySet().removeAll(List.of(GLOBAL_MEAN, GLOBAL_VAR)); // running-statistics updates, not gradients of L
    assertThat(grads.keySet()).as(what + " trained parameters").isEqualTo(trainedParameters(op));
    long seed = Seeds.derive(c.name().hashCode(), kernels.ordinal());
    if (c.graphInput()) {
      assertThat(back.getSecond()).as(what + ": no gradient for a graph input").isNull();
    } else {
      check(what + " input gradient", x, layout.nchw(back.getSecond()), loss, seed);
    }
    for (Map.Entry<String, INDArray> g : grads.entrySet()) {
      check(what + " gradient of " + g.getKey(), op.layer.getParam(g.getKey()), g.getValue(), loss, seed + 1);
    }
  }

  /**
   * Compares {@code analytic} with central differences of {@code loss} in {@code tensor} (perturbed
   * in place and restored) on {@link #COORDINATES} distinct seeded coordinates.
   */
  private static void check(String what, INDArray tensor, INDArray analytic, DoubleSupplier loss, long seed) {
    assertThat(analytic.shape()).as(what + " shape").isEqualTo(tensor.shape());
    double scale = analytic.amaxNumber().doubleValue();
    assertThat(scale).as(what + ": the analytic gradient is not zero").isGreaterThan(0);
    int[] order = new Rng(seed).permutation(Math.toIntExact(tensor.length()));
    for (int i = 0; i < Math.min(COORDINATES, order.length); i++) {
      long[] at = Shape.ind2subC(tensor.shape(), order[i]);
      double num = centralDifference(tensor, at, loss);
      double ana = analytic.getDouble(at);
      double err = Math.abs(num - ana);
      assertThat(err).as("%s at %s: numeric %.6g, analytic %.6g", what, Arrays.toString(at), num, ana)
          .isLessThanOrEqualTo(RTOL * Math.max(Math.abs(num), Math.abs(ana)) + ATOL * scale);
    }
  }

  /** (L(t + ε) − L(t − ε)) / (t₊ − t₋) at one coordinate, with t₊, t₋ as stored in float32. */
  private static double centralDifference(INDArray tensor, long[] at, DoubleSupplier loss) {
    double v = tensor.getDouble(at);
    tensor.putScalar(at, v + EPS);
    double up = tensor.getDouble(at);
    double lossUp = loss.getAsDouble();
    tensor.putScalar(at, v - EPS);
    double down = tensor.getDouble(at);
    double lossDown = loss.getAsDouble();
    tensor.putScalar(at, v);
    return (lossUp - lossDown) / (up - down);
  }

  /** Seeded parameters: 0.3·N(0, 1); γ around 1 and a positive running variance for batch norm. */
  private static void seedParameters(SingleLayer op, Gaussians data) {
    for (Map.Entry<String, INDArray> p : new TreeMap<>(op.layer.paramTable()).entrySet()) {
      INDArray v = p.getValue();
      v.assign(data.next(DataType.FLOAT, v.shape()).muli(0.3));
      if (p.getKey().equals(GAMMA)) {
        v.addi(1);
      } else if (p.getKey().equals(GLOBAL_VAR)) {
        v.assign(0.5);
      }
    }
  }

  /** N(0, 1) input; for ReLU moved at least 5·EPS away from the kink, so no perturbation crosses it. */
  private static INDArray input(Case c, Gaussians data) {
    INDArray x = data.next(DataType.FLOAT, c.inShape());
    if (c.conf() instanceof OpRelu) {
      INDArray sign = Transforms.sign(x, true);
      x.addi(sign.muli(5 * EPS));
    }
    return x;
  }

  private static Set<String> trainedParameters(SingleLayer op) {
    Set<String> keys = new TreeSet<>(op.layer.paramTable().keySet());
    keys.removeAll(List.of(GLOBAL_MEAN, GLOBAL_VAR));
    return keys;
  }

  /** NCHW tensors to and from the layer's layout (blocked activations with DNNL). */
  private record Layout(boolean blocked, boolean graphInput) {
    INDArray input(INDArray nchw) {
      return graphInput ? nchw : activation(nchw);
    }

    INDArray activation(INDArray nchw) {
      return blocked && nchw.rank() == 4 ? BlockedArrays.toBlocked(nchw) : nchw;
    }

    INDArray nchw(INDArray a) {
      return blocked && a.rank() == 4 ? BlockedArrays.toNchw(a) : a;
    }
  }
}
