package io.mixmo.driver.ml.examples;

import io.mixmo.driver.ml.MixMoClassificationModel;
import io.mixmo.driver.ml.MixMoClassifier;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * A runnable example of the DataFrame API (driver side): images in {@code <dir>/<class>/<file>}
 * read with Spark's own {@code image} data source, the class taken from the folder name, the files
 * whose name ends in 9 (one in ten of {@code 0000.jpg, 0001.jpg, ...}) held out for validation; a
 * {@code StringIndexer → MixMoClassifier} pipeline fitted with the quickstart preset,
 * saved, loaded back and applied, with the class names restored by {@code IndexToString} (from the
 * prediction column's ML attribute). The fit's run goes to {@code OUT_DIR/run/fit-0001-<hash>}.
 *
 * <pre>
 * spark-submit --class io.mixmo.driver.ml.examples.ImageFolderPipeline mixmo-driver-*-spark3.5.jar \
 *     IMAGES_DIR OUT_DIR [EPOCHS]        e.g. /data/cifar10-sample/test /tmp/pipeline-example 1
 * </pre>
 */
public final class ImageFolderPipeline {
  private ImageFolderPipeline() {}

  public static void main(String[] args) throws java.io.IOException {
    if (args.length < 2) {
      System.err.println("usage: ImageFolderPipeline IMAGES_DIR OUT_DIR [EPOCHS]: images in IMAGES_DIR/<class>/<file>;"
          + " writes OUT_DIR/run/<fit> (the run directory), OUT_DIR/work and OUT_DIR/pipeline-model");
      System.exit(2);
    }
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    SparkSession spark = SparkSession.builder().appName("mixmo ImageFolderPipeline").getOrCreate();
    Dataset<Row> images = images(spark, args[0]);
    Pipeline pipeline = pipeline(epochs, args[1] + "/run", args[1] + "/work");
    PipelineModel model = pipeline.fit(images);
    model.write().overwrite().save(args[1] + "/pipeline-model");
    PipelineModel loaded = PipelineModel.load(args[1] + "/pipeline-model");
    MixMoClassificationModel mixmo = (MixMoClassificationModel) loaded.stages()[1];
    // prediction's ML attribute names the classes: IndexToString needs no labels
    Dataset<Row> predicted = new IndexToString().setInputCol("prediction").setOutputCol("predictedClass")
        .transform(loaded.transform(images));
    double accuracy = predicted.where("isValidation").where("predictedClass = className").count()
        / (double) predicted.where("isValidation").count();
    predicted.select("image.origin", "className", "predictedClass", "probability").show(10, false);
    System.out.printf("validation accuracy %.3f over %d classes (the run's own evaluation: %.3f); run directory %s;"
        + " model saved in %s/pipeline-model%n", accuracy, mixmo.numClasses(), mixmo.summary().accuracy(),
        mixmo.summary().runDir(), args[1]);
    spark.stop();
  }

  /**
   * The images under {@code dir} (Spark's image source, recursively), with {@code className} (the
   * parent folder's name) and {@code isValidation} (true for files whose name ends in 9).
   */
  public static Dataset<Row> images(SparkSession spark, String dir) {
    Dataset<Row> images = spark.read().format("image").option("recursiveFileLookup", "true")
        .option("dropInvalid", "true").load(dir)
        .withColumn("className", functions.regexp_extract(functions.col("image.origin"), "/([^/]+)/[^/]+$", 1))
        .withColumn("isValidation", functions.col("image.origin").rlike("9\\.[A-Za-z]+$"));
    return images;
  }

  /** StringIndexer(className → label) then MixMoClassifier: the quickstart preset for {@code epochs} epochs. */
  public static Pipeline pipeline(int epochs, String runDir, String workDir) {
    StringIndexer indexer = new StringIndexer().setInputCol("className").setOutputCol("label");
    MixMoClassifier mixmo = new MixMoClassifier().setPreset("quickstart").setEpochs(epochs).setBatchSize(16)
        .setLocalSteps(4).setValidationIndicatorCol("isValidation").setRunDir(runDir).setWorkDir(workDir)
        .setShards(2);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {indexer, mixmo});
    return pipeline;
  }
}
