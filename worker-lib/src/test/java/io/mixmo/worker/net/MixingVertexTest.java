package io.mixmo.worker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.worker.data.ImageShape;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** The mixing vertex z = M·Σ μ_m ⊙ l_m (docs/mixmo.md §2.1) and the inference path z = Σ l_m. */
class MixingVertexTest {
  private static final int MB = 5;
  private static ComputationGraph graph2;
  private static ComputationGraph graph3;

  @BeforeAll
  static void build() {
    ImageShape shape = new ImageShape(3, 12, 12);
    OptimizerConfig opt = new OptimizerConfig(new Sgd(0.1), 0);
    graph2 = MixMoNetworks.build(small(2, shape), opt);
    graph3 = MixMoNetworks.build(small(3, shape), opt);
  }

  private static NetworkSpec small(int members, ImageShape shape) {
    return NetworkSpec.small(members, 4, shape).withDataType(DataType.DOUBLE).withSeed(11);
  }

  /** Activations of every vertex for given member images and masks (inference mode). */
  private static Map<String, INDArray> activations(ComputationGraph g, INDArray[] images, INDArray[] masks) {
    INDArray[] features = new INDArray[images.length + masks.length];
    System.arraycopy(images, 0, features, 0, images.length);
    System.arraycopy(masks, 0, features, images.length, masks.length);
    return g.feedForward(features, false);
  }

  @Test
  void mixEqualsMTimesMaskedSumComputedIndependentlyForRandomBinaryMasks() {
    for (ComputationGraph g : new ComputationGraph[] {graph2, graph3}) {
      int members = g.getNumOutputArrays();
      TestData data = new TestData(members, DataType.DOUBLE);
      INDArray[] images = new INDArray[members];
      INDArray[] masks = new INDArray[members];
      for (int m = 0; m < members; m++) {
        images[m] = data.gaussian(MB, 3, 12, 12);
        masks[m] = data.binary(MB, 1, 12, 12);
      }
      Map<String, INDArray> acts = activations(g, images, masks);
      INDArray z = acts.get(MixMoGraphNames.MIX);
      double[][][][] expected = new double[MB][16][12][12];
      for (int m = 0; m < members; m++) {
        double[][][][] l = toArray(acts.get(MixMoGraphNames.encoder(m)));
        double[][][][] mu = toArray(masks[m]);
        for (int b = 0; b < MB; b++) {
          for (int c = 0; c < 16; c++) {
            for (int y = 0; y < 12; y++) {
              for (int x = 0; x < 12; x++) {
                expected[b][c][y][x] += members * mu[b][0][y][x] * l[b][c][y][x];
              }
            }
          }
        }
      }
      assertThat(z.shape()).containsExactly(MB, 16, 12, 12);
      assertThat(maxAbsDiff(z, Nd4j.create(expected))).isLessThan(1e-12);
      // The masks matter: with all-ones masks z differs.
      assertThat(z.sub(acts.get(MixMoGraphNames.encoder(0))).amaxNumber().doubleValue()).isGreaterThan(1e-3);
    }
  }

  @Test
  void linearMaskOfOneOverMThroughTheTrainingPathEqualsTheInferencePath() {
    for (ComputationGraph g : new ComputationGraph[] {graph2, graph3}) {
      int members = g.getNumOutputArrays();
      INDArray x = new TestData(100 + members, DataType.DOUBLE).gaussian(MB, 3, 12, 12);
      INDArray[] images = new INDArray[members];
      INDArray[] masks = new INDArray[members];
      for (int m = 0; m < members; m++) {
        images[m] = x;
        masks[m] = Nd4j.valueArrayOf(new long[] {MB, 1, 12, 12}, 1.0 / members, DataType.DOUBLE);
      }
      Map<String, INDArray> acts = activations(g, images, masks);
      INDArray sum = acts.get(MixMoGraphNames.encoder(0)).dup();
      for (int m = 1; m < members; m++) {
        sum.addi(acts.get(MixMoGraphNames.encoder(m)));
      }
      assertThat(maxAbsDiff(acts.get(MixMoGraphNames.MIX), sum)).isLessThan(1e-12);
      // The vertex itself does not depend on the mode: training-mode forward mixes the same way.
      INDArray[] features = new INDArray[2 * members];
      System.arraycopy(images, 0, features, 0, members);
      System.arraycopy(masks, 0, features, members, members);
      assertThat(maxAbsDiff(g.feedForward(features, true).get(MixMoGraphNames.MIX), sum)).isLessThan(1e-12);
      INDArray[] inference = MixMoInference.memberLogits(g, x);
      for (int m = 0; m < members; m++) {
        assertThat(maxAbsDiff(inference[m], acts.get(MixMoGraphNames.logits(m)))).isLessThan(1e-12);
      }
    }
  }

  @Test
  void cutMasksThatSumToOneGiveTheInferenceSumWhenMembersSeeTheSameFeatures() {
    // With identical encoders and inputs (l_0 = l_1 = l), any masks with μ_0 + μ_1 = 1 give
    // z = 2·l = Σ_m l_m: the ×M factor makes the train-time scale match inference (§2.1).
    ComputationGraph g = graph2.clone();
    g.getLayer(MixMoGraphNames.encoder(1)).setParams(g.getLayer(MixMoGraphNames.encoder(0)).params().dup());
    TestData data = new TestData(7, DataType.DOUBLE);
    INDArray x = data.gaussian(MB, 3, 12, 12);
    INDArray[] cut = data.rectangleAndComplement(MB, 12, 12);
    Map<String, INDArray> mixed = activations(g, new INDArray[] {x, x}, cut);
    INDArray[] inference = MixMoInference.memberLogits(g, x);
    INDArray expectedZ = mixed.get(MixMoGraphNames.encoder(0)).mul(2);
    assertThat(maxAbsDiff(mixed.get(MixMoGraphNames.MIX), expectedZ)).isLessThan(1e-12);
    for (int m = 0; m < 2; m++) {
      assertThat(maxAbsDiff(inference[m], mixed.get(MixMoGraphNames.logits(m)))).isLessThan(1e-12);
    }
  }

  @Test
  void ensembleIsTheMeanOfLogitsAndItsSoftmax() {
    INDArray x = new TestData(3, DataType.DOUBLE).gaussian(MB, 3, 12, 12);
    INDArray[] logits = MixMoInference.memberLogits(graph3, x);
    INDArray mean = MixMoInference.ensembleLogits(graph3, x);
    INDArray probs = MixMoInference.ensembleProbabilities(graph3, x);
    for (int b = 0; b < MB; b++) {
      double norm = 0;
      double[] e = new double[4];
      for (int c = 0; c < 4; c++) {
        double expected = (logits[0].getDouble(b, c) + logits[1].getDouble(b, c) + logits[2].getDouble(b, c)) / 3;
        assertThat(mean.getDouble(b, c)).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
        e[c] = Math.exp(expected);
        norm += e[c];
      }
      for (int c = 0; c < 4; c++) {
        assertThat(probs.getDouble(b, c)).isCloseTo(e[c] / norm, org.assertj.core.api.Assertions.within(1e-12));
      }
    }
  }

  static double maxAbsDiff(INDArray a, INDArray b) {
    assertThat(a.shape()).containsExactly(b.shape());
    return a.sub(b).amaxNumber().doubleValue();
  }

  private static double[][][][] toArray(INDArray a) {
    long[] s = a.shape();
    double[][][][] out = new double[(int) s[0]][(int) s[1]][(int) s[2]][(int) s[3]];
    for (int i = 0; i < s[0]; i++) {
      for (int j = 0; j < s[1]; j++) {
        for (int k = 0; k < s[2]; k++) {
          for (int l = 0; l < s[3]; l++) {
            out[i][j][k][l] = a.getDouble(i, j, k, l);
          }
        }
      }
    }
    return out;
  }
}
