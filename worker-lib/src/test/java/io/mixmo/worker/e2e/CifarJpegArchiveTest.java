package io.mixmo.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.worker.data.LabeledImages;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CifarJpegArchiveTest {
  @Test
  void readsAClassBalancedSampleOfRealImages() {
    CifarJpegArchive.Sample s = CifarJpegArchive.sample(20, 10);
    assertThat(s.train().size()).isEqualTo(200);
    assertThat(s.test().size()).isEqualTo(100);
    for (LabeledImages images : new LabeledImages[] {s.train(), s.test()}) {
      int[] perClass = new int[10];
      Arrays.stream(images.labels()).forEach(l -> perClass[l]++);
      assertThat(perClass).containsOnly(images.size() / 10);
      // natural photographs: mean pixel near CIFAR's published 0.47·255 ≈ 121, and a wide spread
      double mean = 0;
      for (byte b : images.pixels()) {
        mean += b & 0xFF;
      }
      mean /= images.pixels().length;
      assertThat(mean).isBetween(95.0, 150.0);
    }
    assertThat(Arrays.copyOfRange(s.train().pixels(), 0, 3072))
        .isNotEqualTo(Arrays.copyOfRange(s.train().pixels(), 3072, 6144));
  }
}
