package io.mixmo.driver.train;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import java.util.ArrayList;
import java.util.List;

/** Deterministic learnable images: class c brightens row band c, plus seeded noise. */
final class SyntheticImages {
  static final ImageShape SHAPE = new ImageShape(1, 6, 6);
  static final int CLASSES = 3;

  private SyntheticImages() {}

  /** {@code blocks} blocks of {@code perBlock} images; block i has ids starting at i·perBlock. */
  static List<LabeledImages> blocks(int blocks, int perBlock, long seed) {
    List<LabeledImages> out = new ArrayList<>();
    for (int bl = 0; bl < blocks; bl++) {
      Rng rng = new Rng(Seeds.derive(seed, bl));
      byte[] px = new byte[perBlock * SHAPE.size()];
      int[] labels = new int[perBlock];
      long[] ids = new long[perBlock];
      for (int i = 0; i < perBlock; i++) {
        labels[i] = rng.nextInt(CLASSES);
        ids[i] = (long) bl * perBlock + i;
        for (int r = 0; r < SHAPE.height(); r++) {
          for (int c = 0; c < SHAPE.width(); c++) {
            int v = rng.nextInt(100) + (r / 2 == labels[i] ? 140 : 0);
            px[i * SHAPE.size() + r * SHAPE.width() + c] = (byte) v;
          }
        }
      }
      out.add(new LabeledImages(SHAPE, CLASSES, px, labels, ids));
    }
    return out;
  }
}
