package io.mixmo.driver.bench;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic CIFAR-shaped blocks for throughput measurements (content does not change the cost of
 * a step): class c adds a bright square at a class-dependent place to seeded noise.
 */
final class BenchData {
  private BenchData() {}

  static List<LabeledImages> blocks(ImageShape shape, int classes, int blocks, int perBlock, long seed) {
    List<LabeledImages> out = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      Rng rng = new Rng(Seeds.derive(seed, b));
      byte[] px = new byte[perBlock * shape.size()];
      int[] labels = new int[perBlock];
      for (int i = 0; i < perBlock; i++) {
        labels[i] = rng.nextInt(classes);
        int off = i * shape.size();
        for (int j = 0; j < shape.size(); j++) {
          px[off + j] = (byte) rng.nextInt(128);
        }
        int y0 = (labels[i] * 3) % (shape.height() - 8);
        for (int c = 0; c < shape.channels(); c++) {
          for (int y = y0; y < y0 + 8; y++) {
            for (int x = 4; x < 12; x++) {
              px[off + c * shape.height() * shape.width() + y * shape.width() + x] = (byte) 230;
            }
          }
        }
      }
      long[] ids = new long[perBlock];
      for (int i = 0; i < perBlock; i++) {
        ids[i] = (long) b * perBlock + i;
      }
      out.add(new LabeledImages(shape, classes, px, labels, ids));
    }
    return out;
  }
}
