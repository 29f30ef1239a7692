package io.mixmo.driver.ml;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.gpu.DeviceBinders;
import io.mixmo.driver.gpu.RecordingBinder;
import io.mixmo.driver.run.ModelArchive;
import io.mixmo.driver.run.ModelMetadata;
import io.mixmo.driver.task.ExecutorTask;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The DataFrame transform enters its tasks through the same prologue as the training round,
 * evaluation and prediction ({@link ExecutorTask#enter}): with the application's device binder
 * ({@value DeviceBinders#BINDER_KEY}) and the task's cores, on the executor's task threads. (Local
 * mode gives tasks no GPU addresses, so the binder itself is only called on GPU clusters; the
 * binding step is {@code TaskRuntime.enterTask}, shared by all five task kinds.)
 */
class TransformTaskPrologueTest {
  /** A binder class of this test, to recognise the runtime the transform's tasks carried. */
  public static final class MarkedBinder extends RecordingBinder {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void transformTasksEnterThroughTheSharedPrologueWithTheApplicationsBinder(@TempDir Path dir) throws Exception {
    ImageShape shape = new ImageShape(3, 8, 8);
    NetworkSpec spec = NetworkSpec.small(2, 3, shape);
    ComputationGraph graph = MixMoNetworks.build(spec, new OptimizerConfig(new Nesterovs(0.05, 0.9), 1e-4));
    Path zip = dir.resolve("model.zip");
    ModelArchive.write(FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(zip.toUri()), graph,
        false, ModelMetadata.of(2, List.of("a", "b", "c"), shape, Normalization.identity(3), "synthetic"));
    MixMoClassificationModel model = new MixMoClassificationModel("prologue", Files.readAllBytes(zip))
        .setImageCol("pixels").setImageFormat("raw").setInferenceBatchSize(4);

    SparkSession spark = SparkSession.builder().master("local[2]").appName("TransformTaskPrologueTest")
        .config("spark.ui.enabled", "false").config(DeviceBinders.BINDER_KEY, MarkedBinder.class.getName())
        .getOrCreate();
    try {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        byte[] px = new byte[shape.size()];
        for (int j = 0; j < px.length; j++) {
          px[j] = (byte) (i * 31 + j * 7);
        }
        rows.add(RowFactory.create(i, px));
      }
      StructType schema = new StructType().add("id", DataTypes.IntegerType).add("pixels", DataTypes.BinaryType);
      Dataset<Row> images = spark.createDataFrame(rows, schema).repartition(2);

      List<Row> out = model.transform(images).collectAsList();

      assertThat(out).hasSize(10);
      // the JVM's other tests ran other applications: only this one's binder is a MarkedBinder
      List<ExecutorTask.Entry> entered = ExecutorTask.entries().stream()
          .filter(e -> e.runtime().binder() instanceof MarkedBinder).toList();
      assertThat(entered).as("one prologue per transform task (2 partitions)").hasSizeGreaterThanOrEqualTo(2);
      assertThat(entered).allSatisfy(e -> {
        assertThat(e.runtime().threadsPerTask()).isEqualTo(1);
        assertThat(e.thread()).contains("Executor task launch worker");
      });
    } finally {
      spark.stop();
    }
  }
}
