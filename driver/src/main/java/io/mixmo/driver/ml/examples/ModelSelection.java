package io.mixmo.driver.ml.examples;

import io.mixmo.driver.ml.MixMoClassificationModel;
import io.mixmo.driver.ml.MixMoClassifier;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.SparkSession;

/**
 * A runnable example of model selection with the DataFrame API (driver side): Spark's own
 * {@code CrossValidator} over a {@code StringIndexer → MixMoClassifier} pipeline, two learning rates
 * by two folds, scored by {@code MulticlassClassificationEvaluator}'s accuracy. With a run
 * directory, each of the 2 x 2 fits and the final refit writes its own run under it
 * ({@code fit-0001-<hash>} ...: fits of the same learning rate share the hash); the chosen model keeps
 * its training summary.
 *
 * <pre>
 * spark-submit --class io.mixmo.driver.ml.examples.ModelSelection mixmo-driver-*-spark3.5.jar \
 *     IMAGES_DIR RUNS_DIR [EPOCHS]        e.g. /data/cifar10-sample/test /tmp/model-selection 1
 * </pre>
 */
public final class ModelSelection {
  private ModelSelection() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: ModelSelection IMAGES_DIR RUNS_DIR [EPOCHS]: images in IMAGES_DIR/<class>/<file>;"
          + " each fit writes RUNS_DIR/fit-<n>-<hash>");
      System.exit(2);
    }
    SparkSession spark = SparkSession.builder().appName("mixmo ModelSelection").getOrCreate();
    CrossValidatorModel cv = crossValidator(args.length > 2 ? Integer.parseInt(args[2]) : 1, args[1])
        .fit(ImageFolderPipeline.images(spark, args[0]));
    double[] accuracy = cv.avgMetrics();
    ParamMap[] grid = cv.getEstimatorParamMaps();
    for (int i = 0; i < grid.length; i++) {
      System.out.printf("%s: mean accuracy over the folds %.3f%n", grid[i], accuracy[i]);
    }
    MixMoClassificationModel best = (MixMoClassificationModel) ((PipelineModel) cv.bestModel()).stages()[1];
    System.out.printf("chosen: learning rate %s; its run: %s%n", best.parent() == null ? "?"
        : ((MixMoClassifier) best.parent()).getLearningRate(), best.summary().runDir());
    spark.stop();
  }

  /**
   * 2-fold cross-validation of the quickstart preset ({@code epochs} epochs, batch 16, averaging every
   * 4 steps) over learning rates 0.05 and 0.02; every fit's run under {@code runDir}.
   */
  public static CrossValidator crossValidator(int epochs, String runDir) {
    StringIndexer indexer = new StringIndexer().setInputCol("className").setOutputCol("label");
    MixMoClassifier mixmo = new MixMoClassifier().setEpochs(epochs).setBatchSize(16).setLocalSteps(4)
        .setShards(1).setRunDir(runDir);
    ParamMap[] grid = new ParamGridBuilder().addGrid(mixmo.learningRate(), new double[] {0.05, 0.02}).build();
    return new CrossValidator().setEstimator(new Pipeline().setStages(new PipelineStage[] {indexer, mixmo}))
        .setEstimatorParamMaps(grid).setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"))
        .setNumFolds(2).setSeed(7);
  }
}
