package io.mixmo.driver.runner;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.eval.DistributedEvaluator;
import io.mixmo.driver.run.Checkpoint;
import io.mixmo.driver.run.MetricsLog;
import io.mixmo.driver.run.RunDirectory;
import io.mixmo.driver.run.TrainingRunner;
import io.mixmo.driver.train.GraphTemplate;
import io.mixmo.driver.train.MixedBatches;
import io.mixmo.driver.train.SparkTrainingMaster;
import io.mixmo.driver.train.TrainingResult;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.metrics.EvaluationReport;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.train.ModelState;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * {@code mixmo train} and {@code quickstart} (driver side; registered under
 * {@code META-INF/services}). Before Spark starts: read the manifest, map the configuration
 * ({@link RunPlan}), build the network and its initial state (fresh, from the checkpoint, or from
 * {@code run.init-from}: parameters only, fresh updater and counters), so that a configuration the
 * data cannot take fails fast. Then: start the session, load the train and test shards, run the
 * {@link SparkTrainingMaster} with {@link RunProgress} (console, metrics, checkpoints, epoch-end
 * evaluation), and write {@code model.zip} (graph + updater) and {@code evaluation.json}.
 */
public final class SparkTrainingRunner implements TrainingRunner {

  @Override
  public void train(TrainConfig config, RunDirectory run, Optional<Checkpoint> resumeFrom) throws Exception {
    Configuration hadoop = run.fileSystem().getConf();
    Manifest manifest = Datasets.manifest(hadoop, config.data().dataset());
    RunPlan plan = RunPlan.of(config, manifest);
    ComputationGraph graph = MixMoNetworks.build(plan.network(), plan.optimizer(config.optimisation().weightDecay()));
    ModelState initial = InitialState.of(config, graph, manifest, hadoop, resumeFrom);
    long fromRound = resumeFrom.map(Checkpoint::round).orElse(0L);
    GraphTemplate template = ModelFiles.template(graph);
    SparkSession spark = SparkSessions.start(config.spark(), "mixmo train " + run.uri());
    JavaRDD<LabeledImages> test = null;
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      JavaRDD<LabeledImages> train = Datasets.split(spark, config.data().dataset(), config.data().trainSplit(),
          "data.train-split");
      test = Datasets.split(spark, config.data().dataset(), config.data().testSplit(), "data.test-split")
          .setName("test-shards").persist(StorageLevel.MEMORY_AND_DISK());
      JavaRDD<LabeledImages> testImages = test;
      DistributedEvaluator evaluator = new DistributedEvaluator(sc);
      Function<ModelState, EvaluationReport> evaluate =
          state -> evaluator.evaluate(testImages, template, state, plan.evaluation());
      MetricsLog metrics = resumeFrom.isPresent() ? run.resumeMetrics(fromRound) : run.newMetrics();
      RunProgress progress = new RunProgress(config.run(), run.checkpoints(), metrics, evaluate, System.out,
          plan.roundsPerEpoch());
      TrainingResult result = new SparkTrainingMaster(sc, plan.master())
          .train(train, template, new MixedBatches(plan.batch()), initial, fromRound, progress);
      long lastRound = plan.totalRounds();
      EvaluationReport report = progress.evaluationAt(lastRound).orElseGet(() -> evaluate.apply(result.state()));
      metrics.flush();
      result.state().applyTo(graph);
      run.writeModel(graph, true);
      run.writeEvaluation(report.toMap());
      System.out.println("mixmo: trained " + result.rounds() + " rounds (" + result.examples() + " examples, "
          + String.format("%.1f", result.imagesPerSecond()) + " img/s); final test " + RunProgress.headline(report));
    } finally {
      if (test != null) {
        test.unpersist(false);
      }
      spark.stop();
    }
  }
}
