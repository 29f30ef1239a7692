package io.mixmo.driver.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.driver.train.RoundAveraging.Mode;
import io.mixmo.worker.train.ModelState;
import io.mixmo.worker.train.ParameterSum;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShardedAveragingTest {
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = LocalSpark.start("ShardedAveragingTest", "local[2]");
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  /** Partition i's state: values whose double sum depends on the order they are added in. */
  private static PartitionOutcome tricky(int partition) {
    float[] big = {1e20f, 1f, -1e20f};
    ModelState end = new ModelState(new float[] {big[partition], partition}, new float[] {partition * 0.5f}, 12, 1);
    return new PartitionOutcome(partition, end, 2.0 * (partition + 1), 2, 16, 1000 + partition, 5000);
  }

  /** Partition i's state: P = 1001 parameters and U = 777 updater values from a seeded draw, wide magnitudes. */
  private static PartitionOutcome random(int partition) {
    SplittableRandom r = new SplittableRandom(77 + partition);
    float[] p = new float[1001];
    float[] u = new float[777];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-8, 9)));
    }
    for (int i = 0; i < u.length; i++) {
      u[i] = (float) r.nextGaussian();
    }
    return new PartitionOutcome(partition, new ModelState(p, u, 40, 3), partition, 4, 32, 7, 9);
  }

  private static ModelState inOrder(List<PartitionOutcome> outs) {
    ParameterSum sum = ParameterSum.zero();
    outs.forEach(o -> sum.addInPlace(o.end()));
    return sum.mean();
  }

  @Test
  void shardedAndCollectedMeansAreTheSameBitsAsAddingTheStatesInPartitionOrder() {
    JavaRDD<PartitionOutcome> round = sc.parallelize(List.of(0, 1, 2), 3).map(ShardedAveragingTest::tricky);
    ModelState shape = tricky(0).end();
    RoundAveraging.Averaged collected = RoundAveraging.run(round, Mode.COLLECT, shape, ShardedAveraging.ReduceHook.NONE);
    RoundAveraging.Averaged sharded = RoundAveraging.run(round, Mode.SHARDED, shape, ShardedAveraging.ReduceHook.NONE);

    ModelState expected = inOrder(List.of(tricky(0), tricky(1), tricky(2)));
    ModelState otherOrder = inOrder(List.of(tricky(0), tricky(2), tricky(1)));
    assertThat(otherOrder.params()[0]).as("the order matters for these values").isNotEqualTo(expected.params()[0]);
    assertThat(collected.mean()).isEqualTo(expected);
    assertThat(sharded.mean()).isEqualTo(expected);
    assertThat(sharded.mean().updaterState()).containsExactly(0.5f);
    assertThat(sharded.mean().iterationCount()).isEqualTo(12);
    assertThat(sharded.mean().epochCount()).isEqualTo(1);
    assertThat(sharded.outcomes()).extracting(PartitionOutcome::partition).containsExactly(0, 1, 2);
    assertThat(sharded.outcomes()).extracting(PartitionOutcome::lossSum).containsExactly(2.0, 4.0, 6.0);
    assertThat(sharded.outcomes()).extracting(PartitionOutcome::batchNanos).containsExactly(1000L, 1001L, 1002L);
    assertThat(sharded.outcomes()).allSatisfy(o -> assertThat(o.end()).isNull());
    assertThat(collected.outcomes()).isEqualTo(sharded.outcomes());
  }

  @Test
  void slicesStraddlingParametersAndUpdaterStateAverageToTheSameBitsAtEveryK() {
    for (int k : new int[] {1, 2, 4, 7}) {
      List<PartitionOutcome> outs = new ArrayList<>();
      for (int p = 0; p < k; p++) {
        outs.add(random(p));
      }
      JavaRDD<PartitionOutcome> round = sc.parallelize(outs, k);
      ModelState shape = outs.get(0).end();
      ModelState sharded = RoundAveraging.run(round, Mode.SHARDED, shape, ShardedAveraging.ReduceHook.NONE).mean();
      assertThat(SparkTrainingMasterTest.bits(sharded.params())).as("K=%d", k)
          .isEqualTo(SparkTrainingMasterTest.bits(inOrder(outs).params()));
      assertThat(SparkTrainingMasterTest.bits(sharded.updaterState())).as("K=%d", k)
          .isEqualTo(SparkTrainingMasterTest.bits(inOrder(outs).updaterState()));
      assertThat(sharded.iterationCount()).isEqualTo(40);
    }
  }

  @Test
  void aStateSmallerThanKIsCutIntoOneSlicePerValue() {
    assertThat(StateSlice.sliceCount(3, 8)).isEqualTo(3);
    assertThat(StateSlice.sliceCount(1_000, 8)).isEqualTo(8);
    List<PartitionOutcome> outs = new ArrayList<>();
    for (int p = 0; p < 5; p++) {
      outs.add(new PartitionOutcome(p, new ModelState(new float[] {p, 1f / (p + 1)}, new float[] {p * p}, 2, 0),
          1, 1, 1, 1, 1));
    }
    RoundAveraging.Averaged a = RoundAveraging.run(sc.parallelize(outs, 5), Mode.SHARDED, outs.get(0).end(),
        ShardedAveraging.ReduceHook.NONE);
    assertThat(a.mean()).isEqualTo(inOrder(outs));
    assertThat(a.outcomes()).hasSize(5);
  }

  @Test
  void slicesCoverTheConcatenatedStateExactlyOnce() {
    float[] p = {1, 2, 3, 4, 5};
    float[] u = {6, 7};
    for (int n = 1; n <= 7; n++) {
      float[] p2 = new float[5];
      float[] u2 = new float[2];
      long covered = 0;
      for (int j = 0; j < n; j++) {
        long[] b = StateSlice.bounds(7, j, n);
        assertThat(b[0]).isEqualTo(covered);
        float[] slice = new float[(int) (b[1] - b[0])];
        StateSlice.copy(p, u, b[0], slice);
        StateSlice.paste(slice, b[0], p2, u2);
        covered = b[1];
      }
      assertThat(covered).isEqualTo(7);
      assertThat(p2).containsExactly(p);
      assertThat(u2).containsExactly(u);
    }
  }

  @Test
  void autoCollectsUpTo32MibOfStatesAndShardsAboveAndAModeWhoseResultsCannotFitTheLimitFails() {
    ModelState mib = new ModelState(new float[200_000], new float[62_144], 0, 0); // 1 MiB per state
    SparkConf defaults = new SparkConf(false);
    assertThat(RoundAveraging.resolve(Mode.AUTO, mib, 32, defaults)).isEqualTo(Mode.COLLECT);
    assertThat(RoundAveraging.resolve(Mode.AUTO, mib, 33, defaults)).isEqualTo(Mode.SHARDED);
    assertThat(RoundAveraging.resolve(Mode.SHARDED, mib, 2, defaults)).isEqualTo(Mode.SHARDED);
    SparkConf tight = new SparkConf(false).set("spark.driver.maxResultSize", "3m");
    assertThat(RoundAveraging.resolve(Mode.AUTO, mib, 64, tight)).isEqualTo(Mode.SHARDED);
    assertThat(RoundAveraging.resolve(Mode.COLLECT, mib, 2, tight)).isEqualTo(Mode.COLLECT);
    assertThatThrownBy(() -> RoundAveraging.resolve(Mode.COLLECT, mib, 4, tight))
        .isInstanceOf(io.mixmo.driver.config.ConfigException.class)
        .hasMessageContaining("spark.driver.maxResultSize").hasMessageContaining("average sharded");
    SparkConf tiny = new SparkConf(false).set("spark.driver.maxResultSize", "512k");
    assertThatThrownBy(() -> RoundAveraging.resolve(Mode.AUTO, mib, 2, tiny))
        .hasMessageContaining("spark.driver.maxResultSize = 524288");
    SparkConf unlimited = new SparkConf(false).set("spark.driver.maxResultSize", "0");
    assertThat(RoundAveraging.resolve(Mode.COLLECT, mib, 4096, unlimited)).isEqualTo(Mode.COLLECT);
  }
}
