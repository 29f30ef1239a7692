package io.mixmo.driver.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.worker.data.LabeledImages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShardBalancerTest {
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = LocalSpark.start("ShardBalancerTest", "local[2]");
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  @Test
  void stripesImagesOverKPartitionsInGlobalOrder() {
    // 5 blocks of 7, 9, 4, 11, 6 images spread over 3 input partitions; K = 4
    List<LabeledImages> blocks = new ArrayList<>();
    int[] sizes = {7, 9, 4, 11, 6};
    long id = 0;
    for (int s : sizes) {
      LabeledImages b = SyntheticImages.blocks(1, s, id).get(0);
      long[] ids = new long[s];
      for (int i = 0; i < s; i++) {
        ids[i] = id++;
      }
      blocks.add(new LabeledImages(b.shape(), b.numClasses(), b.pixels(), b.labels(), ids));
    }
    JavaRDD<LabeledImages> shards = sc.parallelize(blocks, 3);
    List<LabeledImages> parts = ShardBalancer.balance(shards, 4).glom().map(l -> {
      assertThat(l).hasSize(1);
      return l.get(0);
    }).collect();

    assertThat(parts).hasSize(4);
    // 37 images: g mod 4 → partition sizes 10, 9, 9, 9 and ids p, p+4, p+8, ...
    assertThat(parts.stream().mapToInt(LabeledImages::size).toArray()).containsExactly(10, 9, 9, 9);
    for (int p = 0; p < 4; p++) {
      long[] ids = parts.get(p).ids();
      for (int i = 0; i < ids.length; i++) {
        assertThat(ids[i]).as("partition %d image %d", p, i).isEqualTo(p + 4L * i);
      }
    }
    // pixels and labels travel with their ids
    LabeledImages all = LabeledImages.concat(blocks);
    LabeledImages p2 = parts.get(2);
    for (int i = 0; i < p2.size(); i++) {
      int g = (int) p2.id(i);
      assertThat(p2.label(i)).isEqualTo(all.label(g));
      assertThat(Arrays.copyOfRange(p2.pixels(), p2.offset(i), p2.offset(i + 1)))
          .isEqualTo(Arrays.copyOfRange(all.pixels(), all.offset(g), all.offset(g + 1)));
    }
  }
}
