package io.mixmo.driver.runner;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.SparkConfig;
import io.mixmo.driver.run.HadoopFiles;
import io.mixmo.driver.run.PredictionRunner;
import io.mixmo.driver.train.GraphTemplate;
import io.mixmo.worker.train.ModelState;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * {@code mixmo predict} (driver side; registered under {@code META-INF/services}): one row per image
 * of the split with columns {@code id, label, ensemble_class, ensemble_probability,
 * member0_class … member{M-1}_class}, written by Spark as Parquet or CSV (with a header) to a
 * directory that must not exist yet.
 */
public final class SparkPredictionRunner implements PredictionRunner {

  @Override
  public long predict(String modelUri, String datasetUri, String split, String outputUri, Format format,
      SparkConfig sparkConfig) throws Exception {
    Configuration hadoop = new Configuration();
    Path output = HadoopFiles.qualify(hadoop, outputUri);
    if (HadoopFiles.fileSystem(hadoop, output).exists(output)) {
      throw new ConfigException("--output " + output + " already exists: choose a new path");
    }
    ComputationGraph graph = ModelFiles.read(hadoop, modelUri);
    Manifest manifest = Datasets.manifest(hadoop, datasetUri);
    Datasets.checkClasses("--model " + modelUri, ModelFiles.classes(graph), manifest, datasetUri);
    SparkSession spark = SparkSessions.start(sparkConfig, "mixmo predict " + modelUri);
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Broadcast<GraphTemplate> template = sc.broadcast(ModelFiles.template(graph));
      Broadcast<ModelState> state = sc.broadcast(ModelState.capture(graph));
      int threads = sc.getConf().getInt("spark.task.cpus", 1);
      JavaRDD<Row> rows = Datasets.split(spark, datasetUri, split, "--split").mapPartitions(
          new PredictFn(template, state, manifest.normalization(), RunPlan.EVALUATION_BATCH, threads));
      Dataset<Row> table = spark.createDataFrame(rows, schema(ModelFiles.members(graph)));
      var writer = table.write().mode(SaveMode.ErrorIfExists);
      if (format == Format.CSV) {
        writer.option("header", "true").csv(output.toString());
      } else {
        writer.parquet(output.toString());
      }
      state.destroy();
      template.destroy();
      return manifest.count(split);
    } finally {
      spark.stop();
    }
  }

  static StructType schema(int members) {
    List<StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField("id", DataTypes.LongType, false),
        DataTypes.createStructField("label", DataTypes.IntegerType, false),
        DataTypes.createStructField("ensemble_class", DataTypes.IntegerType, false),
        DataTypes.createStructField("ensemble_probability", DataTypes.DoubleType, false)));
    for (int m = 0; m < members; m++) {
      fields.add(DataTypes.createStructField("member" + m + "_class", DataTypes.IntegerType, false));
    }
    return DataTypes.createStructType(fields);
  }
}
