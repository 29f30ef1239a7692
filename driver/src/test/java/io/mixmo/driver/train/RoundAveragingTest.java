package io.mixmo.driver.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.train.RoundAveraging.Mode;
import io.mixmo.worker.train.ModelState;
import io.mixmo.worker.train.ParameterSum;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RoundAveragingTest {
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = LocalSpark.start("RoundAveragingTest", "local[2]");
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  /** Partition i's state: parameters whose double sum depends on the order they are added in. */
  private static PartitionOutcome outcome(int partition) {
    float[] big = {1e20f, 1f, -1e20f};
    ModelState end = new ModelState(new float[] {big[partition], partition}, new float[] {partition * 0.5f}, 12, 1);
    return new PartitionOutcome(partition, end, 2.0 * (partition + 1), 2, 16, 1000 + partition, 5000);
  }

  @Test
  void collectingAndStreamingAddTheStatesInPartitionOrderToTheSameBits() {
    JavaRDD<PartitionOutcome> round = sc.parallelize(List.of(0, 1, 2), 3).map(RoundAveragingTest::outcome);
    RoundAveraging.Averaged collected = RoundAveraging.run(round, Mode.COLLECT);
    RoundAveraging.Averaged streamed = RoundAveraging.run(round, Mode.STREAM);

    ModelState inOrder = ParameterSum.zero().addInPlace(outcome(0).end()).addInPlace(outcome(1).end())
        .addInPlace(outcome(2).end()).mean();
    ModelState otherOrder = ParameterSum.zero().addInPlace(outcome(0).end()).addInPlace(outcome(2).end())
        .addInPlace(outcome(1).end()).mean();
    assertThat(otherOrder.params()[0]).as("the order matters for these values").isNotEqualTo(inOrder.params()[0]);
    assertThat(collected.mean()).isEqualTo(inOrder);
    assertThat(streamed.mean()).isEqualTo(inOrder);
    assertThat(streamed.mean().updaterState()).containsExactly(0.5f);
    assertThat(streamed.mean().iterationCount()).isEqualTo(12);

    assertThat(collected.outcomes()).extracting(PartitionOutcome::partition).containsExactly(0, 1, 2);
    assertThat(streamed.outcomes()).extracting(PartitionOutcome::partition).containsExactly(0, 1, 2);
    assertThat(streamed.outcomes()).extracting(PartitionOutcome::lossSum).containsExactly(2.0, 4.0, 6.0);
    assertThat(streamed.outcomes()).allSatisfy(o -> assertThat(o.end()).isNull());
    assertThat(sc.sc().getPersistentRDDs().size()).as("the streamed round is unpersisted").isZero();
  }

  @Test
  void autoStreamsWhenTheStatesWouldCrowdTheResultLimitOrTheDriverHeap() {
    ModelState mib = new ModelState(new float[200_000], new float[62_144], 0, 0); // 1 MiB per state
    SparkConf defaults = new SparkConf(false);
    long bigHeap = 1L << 34;
    assertThat(RoundAveraging.resolve(Mode.AUTO, mib, 4, defaults, bigHeap)).isEqualTo(Mode.COLLECT);
    // 4 MiB of results against a 6 MiB limit: more than half
    SparkConf tight = new SparkConf(false).set("spark.driver.maxResultSize", "6m");
    assertThat(RoundAveraging.resolve(Mode.AUTO, mib, 4, tight, bigHeap)).isEqualTo(Mode.STREAM);
    assertThat(RoundAveraging.resolve(Mode.AUTO, mib, 2, tight, bigHeap)).isEqualTo(Mode.COLLECT);
    SparkConf unlimited = new SparkConf(false).set("spark.driver.maxResultSize", "0");
    assertThat(RoundAveraging.resolve(Mode.AUTO, mib, 64, unlimited, bigHeap)).isEqualTo(Mode.COLLECT);
    // 4 MiB against a 15 MiB heap: more than a quarter
    assertThat(RoundAveraging.resolve(Mode.AUTO, mib, 4, unlimited, 15L << 20)).isEqualTo(Mode.STREAM);
    assertThat(RoundAveraging.resolve(Mode.COLLECT, mib, 4, tight, 1)).isEqualTo(Mode.COLLECT);
    assertThat(RoundAveraging.resolve(Mode.STREAM, mib, 1, defaults, bigHeap)).isEqualTo(Mode.STREAM);
  }
}
