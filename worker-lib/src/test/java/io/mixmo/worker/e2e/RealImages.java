package io.mixmo.worker.e2e;

import io.mixmo.worker.augment.AugmentationSpec;
import io.mixmo.worker.augment.ImageAugmenter;
import io.mixmo.worker.batch.MixedBatchGenerator;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.net.MixMoInference;
import io.mixmo.worker.seed.Seeds;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Helpers of the end-to-end tests: downsampling, the driver's batch sequence, ensemble accuracy. */
final class RealImages {
  static final Normalization CIFAR = new Normalization(
      new float[] {0.49137f, 0.48235f, 0.44667f}, new float[] {0.2023f, 0.1994f, 0.2010f});

  private RealImages() {}

  /** 2×2 average pooling of every image (rounded): 3×32×32 → 3×16×16. */
  static LabeledImages halve(LabeledImages in) {
    ImageShape s = in.shape();
    ImageShape half = new ImageShape(s.channels(), s.height() / 2, s.width() / 2);
    byte[] px = in.pixels();
    byte[] out = new byte[in.size() * half.size()];
    for (int i = 0; i < in.size(); i++) {
      for (int c = 0; c < s.channels(); c++) {
        int src = in.offset(i) + c * s.height() * s.width();
        int dst = i * half.size() + c * half.height() * half.width();
        for (int y = 0; y < half.height(); y++) {
          for (int x = 0; x < half.width(); x++) {
            int a = src + 2 * y * s.width() + 2 * x;
            int sum = (px[a] & 0xFF) + (px[a + 1] & 0xFF) + (px[a + s.width()] & 0xFF) + (px[a + s.width() + 1] & 0xFF);
            out[dst + y * half.width() + x] = (byte) ((sum + 2) / 4);
          }
        }
      }
    }
    return new LabeledImages(half, in.numClasses(), out, in.labels(), in.ids());
  }

  /**
   * Batches {@code first … first+count−1} of a partition's training sequence, as the driver numbers
   * them: global step i is batch {@code i mod stepsPerEpoch} of epoch {@code i / stepsPerEpoch},
   * whose shuffle is seeded by {@code Seeds.derive(runSeed, epoch, partition)}.
   */
  static Iterator<MultiDataSet> batches(MixedBatchGenerator generator, long runSeed, int partition,
                                        int first, int count, int numEpochs) {
    int perEpoch = generator.stepsPerEpoch();
    return new Iterator<>() {
      private int next = first;

      @Override
      public boolean hasNext() {
        return next < first + count;
      }

      @Override
      public MultiDataSet next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int epoch = next / perEpoch;
        MultiDataSet batch = generator.batch(Seeds.derive(runSeed, epoch, partition), next % perEpoch,
            Math.min(1.0, epoch / (double) numEpochs));
        next++;
        return batch;
      }
    };
  }

  /** Normalised images [n, C, H, W] without augmentation. */
  static INDArray features(LabeledImages images) {
    ImageAugmenter plain = new ImageAugmenter(AugmentationSpec.none(), images.shape(), CIFAR);
    int size = images.shape().size();
    float[] out = new float[images.size() * size];
    for (int i = 0; i < images.size(); i++) {
      plain.apply(null, images.pixels(), images.offset(i), out, i * size);
    }
    ImageShape s = images.shape();
    return Nd4j.create(out, new long[] {images.size(), s.channels(), s.height(), s.width()}, DataType.FLOAT);
  }

  /** Top-1 accuracy of the ensemble (argmax of the mean of the heads' logits). */
  static double ensembleAccuracy(ComputationGraph graph, LabeledImages images) {
    INDArray predicted = MixMoInference.ensembleLogits(graph, features(images)).argMax(1);
    int correct = 0;
    for (int i = 0; i < images.size(); i++) {
      if (predicted.getInt(i) == images.label(i)) {
        correct++;
      }
    }
    return correct / (double) images.size();
  }
}
