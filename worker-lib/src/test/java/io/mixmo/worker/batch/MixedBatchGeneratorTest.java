package io.mixmo.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mixmo.worker.augment.AugmentationSpec;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.mixing.LossWeights;
import io.mixmo.worker.mixing.MixingSpec;
import io.mixmo.worker.seed.Seeds;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class MixedBatchGeneratorTest {
  private static final ImageShape SHAPE = new ImageShape(3, 8, 8);

  private static MixedBatchGenerator generator(int n, MixingSpec mixing, AugmentationSpec aug) {
    LabeledImages images = TestImages.random(n, SHAPE, 5, 42);
    return new MixedBatchGenerator(images, TestImages.spec(mixing, 8, 2, aug, SHAPE, 4, 5));
  }

  @Test
  void layoutFollowsTheContract() {
    MultiDataSet ds = generator(40, MixingSpec.cutMixMo(3), AugmentationSpec.standard()).batch(1, 0, 0.3);
    assertThat(ds.getFeatures()).hasSize(6);
    assertThat(ds.getLabels()).hasSize(3);
    assertThat(ds.getLabelsMaskArrays()).hasSize(3);
    assertThat(ds.getFeaturesMaskArrays()).isNull();
    for (int m = 0; m < 3; m++) {
      assertThat(ds.getFeatures(m).shape()).containsExactly(8, 3, 8, 8);
      assertThat(ds.getFeatures(3 + m).shape()).containsExactly(8, 1, 4, 4);
      assertThat(ds.getLabels(m).shape()).containsExactly(8, 5);
      assertThat(ds.getLabelsMaskArray(m).shape()).containsExactly(8, 1);
      assertThat(ds.getFeatures(m).dataType()).isEqualTo(DataType.FLOAT);
      assertThat(ds.getLabels(m).sumNumber().intValue()).isEqualTo(8);
    }
  }

  @Test
  void eachDistinctImageFillsExactlyBSlotsOfEveryStreamAndTheEpochCoversAllImagesBTimes() {
    MixedBatchGenerator gen = generator(42, MixingSpec.cutMixMo(2), AugmentationSpec.none());
    assertThat(gen.stepsPerEpoch()).isEqualTo(42 * 2 / 8); // floor(N·b/B) = 10
    int[][] epochCounts = new int[2][42];
    for (int step = 0; step < gen.stepsPerEpoch(); step++) {
      int[][] src = gen.sources(99, step);
      for (int m = 0; m < 2; m++) {
        int[] counts = new int[42];
        for (int image : src[m]) {
          counts[image]++;
          epochCounts[m][image]++;
        }
        assertThat(Arrays.stream(counts).filter(c -> c != 0)).containsOnly(2).hasSize(4);
      }
      assertThat(sortedCopy(src[0])).containsExactly(sortedCopy(src[1]));
    }
    for (int m = 0; m < 2; m++) {
      assertThat(Arrays.stream(epochCounts[m]).filter(c -> c != 0)).containsOnly(2).hasSize(40);
    }
  }

  @Test
  void pairingDiffersBetweenMembers() {
    MixedBatchGenerator gen = generator(400, MixingSpec.cutMixMo(2), AugmentationSpec.none());
    int same = 0;
    int total = 0;
    for (int step = 0; step < gen.stepsPerEpoch(); step++) {
      int[][] src = gen.sources(3, step);
      for (int c = 0; c < 8; c++) {
        same += src[0][c] == src[1][c] ? 1 : 0;
        total++;
      }
    }
    // A slot pairs an image with one of its own copies with probability b/B = 1/4 here.
    assertThat(same / (double) total).isCloseTo(0.25, within(0.05));
  }

  @Test
  void sameSeedAndStepGiveBitIdenticalBatchesAndOtherSeedsDiffer() {
    MixingSpec mixing = MixingSpec.cutMixMo(2);
    MultiDataSet a = generator(40, mixing, AugmentationSpec.standard()).batch(Seeds.derive(7, 2, 0), 3, 0.5);
    MixedBatchGenerator other = generator(40, mixing, AugmentationSpec.standard());
    other.batch(Seeds.derive(7, 2, 1), 0, 0.5); // a different cached epoch order first
    MultiDataSet b = other.batch(Seeds.derive(7, 2, 0), 3, 0.5);
    INDArray[] arraysA = all(a);
    INDArray[] arraysB = all(b);
    for (int i = 0; i < arraysA.length; i++) {
      assertThat(TestImages.flat(arraysB[i])).as("array %d", i).containsExactly(TestImages.flat(arraysA[i]));
    }
    MultiDataSet c = other.batch(Seeds.derive(7, 2, 1), 3, 0.5); // another partition
    for (int i = 0; i < 4; i++) {
      assertThat(Arrays.equals(TestImages.flat(all(c)[i]), TestImages.flat(arraysA[i]))).as("array %d", i).isFalse();
    }
  }

  /** With augmentation off, in_m at slot c is exactly the normalised source image, y_m its one-hot label. */
  @Test
  void inputsAndLabelsComeFromTheSourceImages() {
    MixedBatchGenerator gen = generator(40, MixingSpec.cutMixMo(2), AugmentationSpec.none());
    LabeledImages images = TestImages.random(40, SHAPE, 5, 42);
    var norm = gen.spec().normalization();
    MultiDataSet ds = gen.batch(5, 2, 0);
    int[][] src = gen.sources(5, 2);
    for (int m = 0; m < 2; m++) {
      float[] in = TestImages.flat(ds.getFeatures(m));
      float[] y = TestImages.flat(ds.getLabels(m));
      for (int c = 0; c < 8; c++) {
        int off = images.offset(src[m][c]);
        for (int i = 0; i < SHAPE.size(); i++) {
          float expected = norm.apply(i / 64, images.pixels()[off + i]);
          assertThat(in[c * SHAPE.size() + i]).isEqualTo(expected);
        }
        for (int k = 0; k < 5; k++) {
          assertThat(y[c * 5 + k]).isEqualTo(k == images.label(src[m][c]) ? 1f : 0f);
        }
      }
    }
  }

  /** The label masks are w_r of the masks' means (the effective κ), per sample. */
  @Test
  void lossWeightsAreComputedFromTheEffectiveKappaOfTheMasks() {
    MixedBatchGenerator gen = generator(40, new MixingSpec(3, 2, 3, 0.5), AugmentationSpec.standard());
    for (int step = 0; step < 5; step++) {
      MultiDataSet ds = gen.batch(11, step, 0.1);
      for (int c = 0; c < 8; c++) {
        double[] kappa = new double[3];
        for (int m = 0; m < 3; m++) {
          float[] mask = TestImages.flat(ds.getFeatures(3 + m));
          for (int j = 0; j < 16; j++) {
            kappa[m] += mask[c * 16 + j] / 16.0;
          }
        }
        double[] w = LossWeights.of(kappa, 3);
        for (int m = 0; m < 3; m++) {
          assertThat(ds.getLabelsMaskArray(m).getDouble(c, 0)).isCloseTo(w[m], within(1e-5));
        }
      }
    }
  }

  @Test
  void stepsPerEpochAreTheSpecsAndAStepBeyondThemIsRefused() {
    MixedBatchGenerator gen = generator(40, MixingSpec.cutMixMo(2), AugmentationSpec.standard());
    int steps = gen.stepsPerEpoch();
    assertThat(steps).isEqualTo(gen.spec().stepsPerEpoch(40)).isEqualTo(40 / gen.spec().distinctPerBatch());
    assertThat(gen.batch(8, steps - 1, 0.4)).isNotNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> gen.batch(8, steps, 0.4))
        .hasMessage("step must be in [0, " + steps + "), found " + steps);
  }

  @Test
  void mimoBatchesHaveMasksOneOverMAndUnitWeights() {
    MultiDataSet ds = generator(40, MixingSpec.mimo(3), AugmentationSpec.standard()).batch(1, 1, 0);
    for (int m = 0; m < 3; m++) {
      assertThat(TestImages.flat(ds.getFeatures(3 + m))).containsOnly((float) (1.0 / 3));
      assertThat(TestImages.flat(ds.getLabelsMaskArray(m))).containsOnly(1f);
    }
  }

  private static INDArray[] all(MultiDataSet ds) {
    INDArray[] out = new INDArray[ds.getFeatures().length + 2 * ds.getLabels().length];
    System.arraycopy(ds.getFeatures(), 0, out, 0, ds.getFeatures().length);
    System.arraycopy(ds.getLabels(), 0, out, ds.getFeatures().length, ds.getLabels().length);
    System.arraycopy(ds.getLabelsMaskArrays(), 0, out, ds.getFeatures().length + ds.getLabels().length,
        ds.getLabels().length);
    return out;
  }

  private static int[] sortedCopy(int[] a) {
    int[] b = a.clone();
    Arrays.sort(b);
    return b;
  }

  /** M = 1 (the vanilla baseline): one input, mask 1 everywhere, weight 1, the plain augmented image. */
  @Test
  void vanillaBatchesHaveOneInputUnitMaskAndUnitWeight() {
    MultiDataSet ds = generator(40, MixingSpec.vanilla(), AugmentationSpec.none()).batch(7, 3, 0.5);
    assertThat(ds.getFeatures()).hasSize(2);
    assertThat(TestImages.flat(ds.getFeatures(1))).containsOnly(1f);
    assertThat(TestImages.flat(ds.getLabelsMaskArray(0))).containsOnly(1f);
    assertThat(ds.getLabels(0).sumNumber().intValue()).isEqualTo(8);
    MultiDataSet cut = generator(40, MixingSpec.cutMixMo(2), AugmentationSpec.none()).batch(7, 3, 0.5);
    assertThat(TestImages.flat(cut.getLabelsMaskArray(0))).isNotEqualTo(TestImages.flat(ds.getLabelsMaskArray(0)));
  }
}
