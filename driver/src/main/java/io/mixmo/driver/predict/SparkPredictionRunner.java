package io.mixmo.driver.predict;

import io.mixmo.datasets.ingest.SerializableConfiguration;
import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.datasets.spark.SparkSessions;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.SparkConfig;
import io.mixmo.driver.run.ModelArchive;
import io.mixmo.driver.run.ModelFiles;
import io.mixmo.driver.run.ModelMetadata;
import io.mixmo.driver.run.PredictionRunner;
import io.mixmo.driver.runner.Datasets;
import io.mixmo.driver.runner.ModelChecks;
import io.mixmo.driver.runner.RunPlan;
import io.mixmo.driver.spark.SparkSettings;
import io.mixmo.driver.task.TaskRuntime;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.train.ModelState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * {@code mixmo predict} (driver side; made by {@code orchestration.SparkRunners}). Checks the model
 * against its input before starting Spark, then writes one row per image as Parquet or CSV (with a
 * header) to a directory that must not exist yet:
 * <ul>
 *   <li>a dataset split: {@code id, label, ensemble_class, ensemble_class_name, ensemble_probability,
 *       member0_class … member{M-1}_class} ({@link PredictFn});
 *   <li>image files: {@code path, ensemble_class, ensemble_class_name, ensemble_probability,
 *       member<m>_class…, error}, in path order ({@link PredictFilesFn}); the prediction columns are
 *       null and {@code error} says why for a file skipped under {@code --on-bad-record skip}.
 * </ul>
 * Pixels are normalised with the model's training statistics ({@link ModelChecks}).
 */
public final class SparkPredictionRunner implements PredictionRunner {
  /** Image files per partition when there are many (fewer files: one partition per core). */
  static final int FILES_PER_PARTITION = 2_000;

  @Override
  public Written predict(String modelUri, Input input, String outputUri, Format format, SparkConfig sparkConfig)
      throws Exception {
    Configuration hadoop = new Configuration();
    Path output = HadoopFiles.qualify(hadoop, outputUri);
    if (HadoopFiles.fileSystem(hadoop, output).exists(output)) {
      throw new ConfigException("--output " + output + " already exists: choose a new path");
    }
    ModelArchive.Saved saved = ModelFiles.read(hadoop, modelUri);
    String what = "--model " + modelUri;
    if (input instanceof DatasetSplit d) {
      return predictDataset(saved, what, d, hadoop, output, format, sparkConfig);
    }
    ImageFiles f = (ImageFiles) input;
    return predictFiles(saved, ModelChecks.requireMetadata(what, saved), f, hadoop, output, format, sparkConfig);
  }

  private static Written predictDataset(ModelArchive.Saved saved, String what, DatasetSplit input,
      Configuration hadoop, Path output, Format format, SparkConfig sparkConfig) throws Exception {
    Manifest manifest = Datasets.manifest(hadoop, input.datasetUri());
    Normalization normalization = ModelChecks.forDataset(what, saved, manifest, input.datasetUri());
    Datasets.requireSplit(manifest, input.split(), "--split", input.datasetUri());
    ComputationGraph graph = saved.graph();
    List<String> names = saved.metadata().map(ModelMetadata::classes).orElse(manifest.classes());
    System.out.println("mixmo: predicting the " + manifest.count(input.split()) + " images of split '" + input.split()
        + "' of " + input.datasetUri());
    StructType schema = schema(List.of(column("id", DataTypes.LongType, false), column("label", DataTypes.IntegerType,
        false)), ModelFiles.members(graph), false, List.of());
    run(sparkConfig, "mixmo predict " + input.datasetUri(), graph, manifest.shape(), schema, output, format, false,
        (spark, template, state) -> Datasets.split(spark, input.datasetUri(), manifest, input.split(), "--split").mapPartitions(
            new PredictFn(template, state, normalization, names, RunPlan.EVALUATION_BATCH, runtime(spark))));
    return new Written(manifest.count(input.split()), 0);
  }

  private static Written predictFiles(ModelArchive.Saved saved, ModelMetadata model, ImageFiles input,
      Configuration hadoop, Path output, Format format, SparkConfig sparkConfig) throws Exception {
    ImageFileList files = ImageFileList.of(hadoop, input.uri());
    int n = files.paths().size();
    System.out.println("mixmo: predicting " + n + " image files under " + input.uri()
        + (files.otherFiles() == 0 ? "" : " (" + files.otherFiles() + " other files passed over)"));
    StructType schema = schema(List.of(column("path", DataTypes.StringType, false)), model.members(), true,
        List.of(column("error", DataTypes.StringType, true)));
    long unreadable = run(sparkConfig, "mixmo predict " + input.uri(), saved.graph(), model.shape(), schema, output, format, true,
        (spark, template, state) -> {
          JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
          int partitions = Math.min(n, Math.max(sc.defaultParallelism(), (n + FILES_PER_PARTITION - 1)
              / FILES_PER_PARTITION));
          return sc.parallelize(files.paths(), partitions).mapPartitions(new PredictFilesFn(template, state,
              new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()), model, input.resize(),
              input.skipUnreadable(), RunPlan.EVALUATION_BATCH, runtime(spark)));
        });
    return new Written(n - unreadable, unreadable);
  }

  /** The prediction rows, made on executors with the broadcast graph and state. */
  private interface RowSource {
    JavaRDD<Row> rows(SparkSession spark, Broadcast<GraphTemplate> template, Broadcast<ModelState> state)
        throws IOException;
  }

  /**
   * Starts the session, broadcasts {@code graph}, writes the rows of {@code source}; returns how many
   * rows have a non-null last column when {@code countErrors} (the rows are then persisted so that
   * the count does not predict them again), else 0.
   */
  private static long run(SparkConfig sparkConfig, String appName, ComputationGraph graph, ImageShape shape,
      StructType schema,
      Path output, Format format, boolean countErrors, RowSource source) throws IOException {
    SparkSession spark = SparkSettings.start(sparkConfig, appName);
    boolean failed = true;
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Broadcast<GraphTemplate> template = sc.broadcast(ModelFiles.template(graph, shape,
          ModelFiles.engine(sc.getConf())));
      Broadcast<ModelState> state = sc.broadcast(ModelState.capture(graph));
      JavaRDD<Row> rows = source.rows(spark, template, state);
      if (countErrors) {
        rows.persist(StorageLevel.MEMORY_AND_DISK());
      }
      write(spark, rows, schema, output, format);
      long errors = countErrors ? rows.filter(r -> !r.isNullAt(r.length() - 1)).count() : 0;
      rows.unpersist(false);
      state.destroy();
      template.destroy();
      failed = false;
      return errors;
    } finally {
      SparkSessions.stop(spark, failed);
    }
  }

  private static TaskRuntime runtime(SparkSession spark) {
    return TaskRuntime.of(spark.sparkContext().getConf());
  }

  /**
   * Writes the table through Spark's commit protocol; if the job fails, the output directory (which
   * did not exist before) is removed, so that nothing half-written is left.
   */
  private static void write(SparkSession spark, JavaRDD<Row> rows, StructType schema, Path output, Format format)
      throws IOException {
    var writer = spark.createDataFrame(rows, schema).write().mode(SaveMode.ErrorIfExists);
    FileSystem fs = output.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (fs.exists(output)) { // appeared since the command started: not ours, never deleted
      throw new ConfigException("--output " + output + " already exists (created while predicting): choose a new path");
    }
    try {
      if (format == Format.CSV) {
        writer.option("header", "true").csv(output.toString());
      } else {
        writer.parquet(output.toString());
      }
    } catch (Exception e) { // Spark throws its (checked) SparkException undeclared
      fs.delete(output, true); // did not exist just before the write: this job's partial output
      throw e;
    }
  }

  /** {@code before}, the {@link EnsembleRows} columns, then {@code after}. */
  static StructType schema(List<StructField> before, int members, boolean nullable, List<StructField> after) {
    List<StructField> fields = new ArrayList<>(before);
    fields.add(DataTypes.createStructField("ensemble_class", DataTypes.IntegerType, nullable));
    fields.add(DataTypes.createStructField("ensemble_class_name", DataTypes.StringType, nullable));
    fields.add(DataTypes.createStructField("ensemble_probability", DataTypes.DoubleType, nullable));
    for (int m = 0; m < members; m++) {
      fields.add(DataTypes.createStructField("member" + m + "_class", DataTypes.IntegerType, nullable));
    }
    fields.addAll(after);
    return DataTypes.createStructType(fields);
  }

  private static StructField column(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }
}
