package io.mixmo.worker.batch;

import io.mixmo.worker.augment.ImageAugmenter;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.mixing.BatchMixing;
import io.mixmo.worker.mixing.LossWeights;
import io.mixmo.worker.mixing.MixingBlock;
import io.mixmo.worker.mixing.MixingBlocks;
import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import java.util.Arrays;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Builds MixMo's training batches from the images of one partition ({@code docs/mixmo.md}
 * §2-4): the epoch's shuffle (a permutation of the N images drawn from {@code Rng(epochSeed)}),
 * B/b distinct images per batch each repeated b times, independent pairing per member, augmentation
 * per member input, per-sample κ and masks, per-batch cut-vs-linear choice and role shuffle, and
 * the loss weights w_r(κ_eff) as label masks.
 *
 * <p>Executor side, inside a Spark task. Batch {@code (epochSeed, step)} is a pure function of its
 * arguments: its draws come from {@code Seeds.derive(epochSeed, step, stream)} with one stream each
 * for the batch decisions, the pairing, κ and boxes, and augmentation. Thread-safe (the cached
 * epoch order is an immutable value behind a volatile field).
 */
public final class MixedBatchGenerator {
  static final long STREAM_MIXING = 0;
  static final long STREAM_PAIRING = 1;
  static final long STREAM_KAPPA = 2;
  static final long STREAM_AUGMENT = 3;

  private final LabeledImages images;
  private final BatchSpec spec;
  private final MixingBlock block;
  private final ImageAugmenter augmenter;
  private volatile EpochOrder order;

  private record EpochOrder(long seed, int[] permutation) {}

  public MixedBatchGenerator(LabeledImages images, BatchSpec spec) {
    validate(images, spec);
    this.images = images;
    this.spec = spec;
    this.block = new MixingBlock(spec.mixing(), spec.featureHeight(), spec.featureWidth());
    this.augmenter = new ImageAugmenter(spec.augmentation(), spec.imageShape(), spec.normalization());
  }

  private static void validate(LabeledImages images, BatchSpec spec) {
    if (!images.shape().equals(spec.imageShape())) {
      throw new IllegalArgumentException("images must have batch.image-shape " + spec.imageShape()
          + ", found " + images.shape());
    }
    if (spec.distinctPerBatch() > images.size()) {
      throw new IllegalArgumentException("batch.size / batch.repetition (distinct images per batch) must be <= "
          + "the number of images (" + images.size() + "), found " + spec.distinctPerBatch());
    }
    int[] labels = images.labels();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= spec.numClasses()) {
        throw new IllegalArgumentException("label of image " + i + " (id " + images.id(i)
            + ") must be in [0, " + spec.numClasses() + ") (batch.num-classes), found " + labels[i]);
      }
    }
  }

  public BatchSpec spec() {
    return spec;
  }

  /** The full batches in one epoch of this generator's images ({@link BatchSpec#stepsPerEpoch}). */
  public int stepsPerEpoch() {
    return spec.stepsPerEpoch(images.size());
  }

  /**
   * Batch {@code step} (in [0, stepsPerEpoch())) of the epoch whose shuffle is seeded by
   * {@code epochSeed}; {@code trainingProgress} t = (1-based epoch)/numEpochs in [0, 1] drives the decay of p.
   */
  public MultiDataSet batch(long epochSeed, int step, double trainingProgress) {
    int[][] sources = sources(epochSeed, step);
    BatchMixing mixing = mixing(epochSeed, step, trainingProgress);
    BatchArrays arrays = new BatchArrays(spec);
    fillMasksAndWeights(new Rng(Seeds.derive(epochSeed, step, STREAM_KAPPA)), mixing, arrays);
    fillInputsAndLabels(new Rng(Seeds.derive(epochSeed, step, STREAM_AUGMENT)), sources, arrays);
    return arrays.toMultiDataSet();
  }

  /** The per-batch decisions (cut vs linear, role shuffle) of batch {@code step}. */
  public BatchMixing mixing(long epochSeed, int step, double trainingProgress) {
    checkStep(step);
    return BatchMixing.draw(new Rng(Seeds.derive(epochSeed, step, STREAM_MIXING)), spec.mixing(), trainingProgress);
  }

  /** Image indices (into the images given at construction) per member and slot: [M][B]. */
  public int[][] sources(long epochSeed, int step) {
    checkStep(step);
    int d = spec.distinctPerBatch();
    int[] distinct = Arrays.copyOfRange(epochPermutation(epochSeed), step * d, step * d + d);
    int[] slots = Pairing.repeatedSlots(distinct, spec.repetition());
    Rng rng = new Rng(Seeds.derive(epochSeed, step, STREAM_PAIRING));
    int[][] permutations = new int[spec.members()][];
    for (int m = 0; m < permutations.length; m++) {
      permutations[m] = rng.permutation(spec.batchSize());
    }
    return Pairing.memberStreams(slots, permutations);
  }

  private void checkStep(int step) {
    if (step < 0 || step >= stepsPerEpoch()) {
      throw new IllegalArgumentException("step must be in [0, " + stepsPerEpoch() + "), found " + step);
    }
  }

  private int[] epochPermutation(long epochSeed) {
    EpochOrder current = order;
    if (current == null || current.seed() != epochSeed) {
      current = new EpochOrder(epochSeed, new Rng(epochSeed).permutation(images.size()));
      order = current;
    }
    return current.permutation();
  }

  private void fillMasksAndWeights(Rng rng, BatchMixing mixing, BatchArrays arrays) {
    int members = spec.members();
    double[] kappa = new double[members];
    double[] w = new double[members];
    for (int slot = 0; slot < spec.batchSize(); slot++) {
      block.sample(rng, mixing, arrays.masks, slot, kappa);
      LossWeights.into(kappa, spec.mixing().weightRoot(), w);
      for (int m = 0; m < members; m++) {
        arrays.weights[m][slot] = (float) w[m];
      }
    }
  }

  private void fillInputsAndLabels(Rng rng, int[][] sources, BatchArrays arrays) {
    int size = spec.imageShape().size();
    int classes = spec.numClasses();
    byte[] pixels = images.pixels();
    for (int m = 0; m < sources.length; m++) {
      for (int slot = 0; slot < sources[m].length; slot++) {
        int image = sources[m][slot];
        augmenter.apply(rng, pixels, images.offset(image), arrays.inputs[m], slot * size);
        arrays.labels[m][slot * classes + images.label(image)] = 1f;
      }
    }
  }
}
