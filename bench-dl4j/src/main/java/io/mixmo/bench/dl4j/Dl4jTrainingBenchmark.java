package io.mixmo.bench.dl4j;

import io.mixmo.driver.bench.TrainingBenchmark;
import io.mixmo.driver.spark.MixmoKryoRegistrator;
import io.mixmo.driver.train.TrainRoundFn;
import io.mixmo.worker.batch.BatchSpec;
import io.mixmo.worker.batch.MixedBatchGenerator;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * {@link TrainingBenchmark} with its third way (driver side): DL4J's ParameterAveragingTrainingMaster
 * (dl4j-spark) on an RDD of the same pre-generated batches, same K, B per worker, averaging every k
 * (batch generation not counted). Its INDArrays cross the wire, so Kryo gets ND4J's registrator here,
 * beside ours. Same arguments as {@link TrainingBenchmark}.
 */
public final class Dl4jTrainingBenchmark implements TrainingBenchmark.Baseline {

  public static void main(String[] args) {
    TrainingBenchmark.run(args, new Dl4jTrainingBenchmark());
  }

  @Override
  public SparkConf configure(SparkConf conf) {
    return conf.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .set("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator," + MixmoKryoRegistrator.class.getName());
  }

  @Override
  public void train(JavaSparkContext sc, NetworkSpec net, OptimizerConfig opt, BatchSpec spec, List<LabeledImages> data,
      int workers, int k, long seed) {
    JavaRDD<MultiDataSet> batches = sc.parallelize(data, workers).mapPartitionsWithIndex((p, it) -> {
      List<LabeledImages> blocks = new ArrayList<>();
      it.forEachRemaining(blocks::add);
      MixedBatchGenerator gen = new MixedBatchGenerator(LabeledImages.concat(blocks), spec);
      List<MultiDataSet> out = new ArrayList<>();
      for (int s = 0; s < gen.stepsPerEpoch(); s++) {
        out.add(gen.batch(TrainRoundFn.epochSeed(seed, 0, p), s, 0));
      }
      return out.iterator();
    }, true).cache();
    long t0 = System.nanoTime();
    long n = batches.count();
    long gen = System.nanoTime() - t0;
    ParameterAveragingTrainingMaster tm = new ParameterAveragingTrainingMaster.Builder(spec.batchSize())
        .batchSizePerWorker(spec.batchSize()).averagingFrequency(k).workerPrefetchNumBatches(0).saveUpdater(true)
        .rngSeed(seed).build();
    SparkComputationGraph sparkNet = new SparkComputationGraph(sc, MixMoNetworks.build(net, opt), tm);
    long t1 = System.nanoTime();
    sparkNet.fitMultiDataSet(batches);
    long wall = System.nanoTime() - t1;
    long examples = n * spec.batchSize();
    System.out.printf("dl4j ParameterAveragingTrainingMaster K=%d k=%d: %d examples in %.1f s = %.1f img/s"
        + " (batches generated beforehand in %.1f s, not counted)%n", workers, k, examples, wall / 1e9,
        examples / (wall / 1e9), gen / 1e9);
    batches.unpersist();
    tm.deleteTempFiles(sc);
  }
}
