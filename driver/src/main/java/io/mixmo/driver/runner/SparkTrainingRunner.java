package io.mixmo.driver.runner;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.spark.SparkSessions;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.eval.DistributedEvaluator;
import io.mixmo.driver.eval.Evaluation;
import io.mixmo.driver.gpu.GpuScheduling;
import io.mixmo.driver.metrics.DriverGauges;
import io.mixmo.driver.report.TrainingReport;
import io.mixmo.driver.run.AfterTraining;
import io.mixmo.driver.run.Checkpoint;
import io.mixmo.driver.run.MetricsLog;
import io.mixmo.driver.run.ModelMetadata;
import io.mixmo.driver.run.RunDirectory;
import io.mixmo.driver.run.TrainingRunner;
import io.mixmo.driver.run.ModelFiles;
import io.mixmo.driver.spark.SparkSettings;
import io.mixmo.driver.task.ComputeEngine;
import io.mixmo.driver.task.GraphTemplate;
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
 * {@code mixmo train} and {@code quickstart} (driver side; made by
 * {@code orchestration.SparkRunners}). {@link #prepare}, before Spark starts and before the CLI touches the
 * run directory: read the manifest, map the configuration ({@link RunPlan}), build the network and
 * its initial state (fresh, from the checkpoint, or from {@code run.init-from}: parameters only,
 * fresh updater and counters), so that a configuration the data cannot take fails fast. Then, in
 * {@link Prepared#train}: start the session, load the train and test shards, run the
 * {@link SparkTrainingMaster} with {@link RunProgress} (console, metrics, checkpoints, epoch-end
 * evaluation, epoch-end {@code report.html}), write {@code model.zip} (graph + updater),
 * {@code evaluation.json} and the final {@code report.html}, and hand the session to
 * {@link AfterTraining} (the model root's gate scores the promoted model with it) before stopping it.
 */
public final class SparkTrainingRunner implements TrainingRunner {
  /** The session to train in, left running; null: start one from the configuration and stop it after. */
  private final SparkSession borrowed;

  /** The CLI's runner: it starts its session from {@code config.spark()} and stops it when done. */
  public SparkTrainingRunner() {
    this(null);
  }

  private SparkTrainingRunner(SparkSession borrowed) {
    this.borrowed = borrowed;
  }

  /**
   * A runner that trains in {@code session} (the DataFrame API's: the session its DataFrame belongs
   * to) and leaves it running; everything else is the CLI's runner.
   */
  public static SparkTrainingRunner inSession(SparkSession session) {
    return new SparkTrainingRunner(java.util.Objects.requireNonNull(session, "session"));
  }

  @Override
  public Prepared prepare(TrainConfig config, Configuration hadoop, Optional<Checkpoint> resumeFrom)
      throws Exception {
    Manifest manifest = Datasets.manifest(hadoop, config.data().dataset());
    RunPlan plan = RunPlan.of(config, manifest);
    ComputationGraph graph = MixMoNetworks.build(plan.network(), plan.optimizer(config.optimisation().weightDecay()));
    InitialState.Initial initial = InitialState.of(config, graph, manifest, hadoop, resumeFrom);
    return new Start(config, hadoop, manifest, plan, graph, initial.state(), resumeFrom, borrowed,
        initial.initFromSha256());
  }

  /** What {@link #prepare} built, ready to train ({@code borrowed}: the session to train in, or null). */
  private record Start(TrainConfig config, Configuration hadoop, Manifest manifest, RunPlan plan,
      ComputationGraph graph, ModelState initial, Optional<Checkpoint> resumeFrom, SparkSession borrowed,
      String initFromSha256) implements Prepared {
    @Override
    public void train(RunDirectory run) throws Exception {
      train(run, AfterTraining.NONE);
    }

    @Override
    public void train(RunDirectory run, AfterTraining after) throws Exception {
      SparkTrainingRunner.train(this, run, after);
    }
  }

  private static void train(Start start, RunDirectory run, AfterTraining after) throws Exception {
    TrainConfig config = start.config();
    Manifest manifest = start.manifest();
    RunPlan plan = start.plan();
    ComputationGraph graph = start.graph();
    SparkSession spark = start.borrowed() != null ? start.borrowed()
        : SparkSettings.start(config.spark(), "mixmo train " + run.uri());
    JavaRDD<LabeledImages> test = null;
    boolean failed = true;
    try (TrainingReport report = TrainingReport.of(run, manifest.classes())) {
      test = Datasets.split(spark, config.data().dataset(), manifest, config.data().testSplit(),
          "data.test-split")
          .setName("test-shards").persist(StorageLevel.MEMORY_AND_DISK());
      GraphTemplate template = ModelFiles.template(graph)
          .withEngine(plan.network(), ComputeEngine.of("compute.engine", config.compute().engine()));
      GpuScheduling.requireEngineForTraining(spark.sparkContext().getConf(), template.wantsEngine(),
          "compute.engine = " + config.compute().engine());
      Finished done = fit(spark, config, manifest, plan, template, test, run, start.initial(), start.resumeFrom(),
          report);
      done.state().applyTo(graph);
      run.writeModel(graph, true, ModelMetadata.of(plan.network().members(), manifest.classes(),
          manifest.shape(), plan.batch().normalization(), config.data().dataset()));
      run.writeEvaluation(done.evaluation().figures());
      EvaluationReport last = done.evaluation().report();
      DriverGauges.current().onEvaluation(last.ensembleTop1(), last.nll(), last.ece());
      report.finished(done.metrics().lines(), done.evaluation().toMap());
      System.out.println("mixmo: trained " + done.result().rounds() + " rounds (" + done.result().examples()
          + " examples, " + String.format("%.1f", done.result().imagesPerSecond()) + " img/s); final test "
          + RunProgress.headline(last));
      after.accept(SavedModelScores.scorer(spark, start.hadoop(),
          ComputeEngine.of("compute.engine", config.compute().engine())));
      failed = false;
    } finally {
      if (test != null) {
        test.unpersist(false);
      }
      if (start.borrowed() == null) {
        SparkSessions.stop(spark, failed);
      }
    }
  }

  /** The end of training: the master's result, the final state's test evaluation and the metrics log. */
  private record Finished(TrainingResult result, Evaluation evaluation, MetricsLog metrics) {
    ModelState state() {
      return result.state();
    }
  }

  private static Finished fit(SparkSession spark, TrainConfig config, Manifest manifest, RunPlan plan,
      GraphTemplate template, JavaRDD<LabeledImages> test, RunDirectory run, ModelState initial,
      Optional<Checkpoint> resumeFrom, TrainingReport report) throws Exception {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<LabeledImages> train = Datasets.split(spark, config.data().dataset(), manifest,
        config.data().trainSplit(), "data.train-split");
    DistributedEvaluator evaluator = new DistributedEvaluator(sc);
    // Evaluation runs on what compute.engine says, as training does; `mixmo evaluate` on the model.zip
    // derives the same spec from the graph (ModelFiles.template) and pads to the same evaluation batch.
    Function<ModelState, Evaluation> evaluate =
        state -> evaluator.evaluateCalibrated(test, template, state, plan.evaluation());
    long fromRound = resumeFrom.map(Checkpoint::round).orElse(0L);
    MetricsLog metrics = resumeFrom.isPresent() ? run.resumeMetrics(fromRound) : run.newMetrics();
    RunProgress progress = new RunProgress(config.run(), run.checkpoints(), metrics, evaluate, System.out,
        plan.roundsPerEpoch(), plan.hyperparameters().schedule(), report, DriverGauges.current());
    TrainingResult result = new SparkTrainingMaster(sc, plan.master())
        .train(train, template, new MixedBatches(plan.batch()), initial, fromRound, progress);
    Evaluation evaluation = progress.evaluationAt(plan.totalRounds()).orElseGet(() -> evaluate.apply(result.state()));
    metrics.flush();
    return new Finished(result, evaluation, metrics);
  }
}
