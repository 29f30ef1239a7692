package io.mixmo.driver.ml;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.run.ModelArchive;
import io.mixmo.driver.run.ModelFiles;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.linalg.Vector;
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
 * The DataFrame API's transform of a loaded {@code model.zip} runs on the planned engine by default
 * (its spec derived from the graph), every batch at the inference batch size (the partitions' short
 * last batches padded to it: one plan), and on the graph with {@code spark.mixmo.compute.engine=graph};
 * both give the same classes and raw predictions within float tolerance. Which one ran is read from
 * {@link ExecutorTask}'s counters (local mode: the tasks run in this JVM).
 */
class TransformOnTheEngineTest {
  private static final ImageShape SHAPE = new ImageShape(3, 8, 8);

  @Test
  void transformRunsOnTheEngineAndMatchesTheGraph(@TempDir Path dir) throws Exception {
    NetworkSpec spec = NetworkSpec.small(2, 3, SHAPE);
    ComputationGraph graph = MixMoNetworks.build(spec, new OptimizerConfig(new Nesterovs(0.05, 0.9), 1e-4));
    Path zip = dir.resolve("model.zip");
    ModelArchive.write(FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(zip.toUri()), graph,
        false, ModelMetadata.of(2, List.of("a", "b", "c"), SHAPE, Normalization.identity(3), "synthetic"));
    MixMoClassificationModel model = new MixMoClassificationModel("engine", Files.readAllBytes(zip))
        .setImageCol("pixels").setImageFormat("raw").setInferenceBatchSize(4);

    Map<Integer, Long> engineBefore = ExecutorTask.engineInferenceBatches();
    long graphBefore = ExecutorTask.graphInferenceBatches();
    List<Row> planned = transform(model, null);
    Map<Integer, Long> engineAfter = ExecutorTask.engineInferenceBatches();
    assertThat(ExecutorTask.graphInferenceBatches()).as("graph batches").isEqualTo(graphBefore);
    // 10 rows in 2 partitions, batch 4: at least 3 batches, the short ones padded to 4
    long batches = engineAfter.get(4) - engineBefore.getOrDefault(4, 0L);
    assertThat(batches).as("engine batches of 4").isGreaterThanOrEqualTo(3);
    engineAfter.forEach((size, n) -> assertThat(n).as("engine batches of " + size)
        .isEqualTo(size == 4 ? n : engineBefore.getOrDefault(size, 0L)));

    List<Row> onGraph = transform(model, "graph");
    assertThat(ExecutorTask.engineInferenceBatches()).as("no engine batch").isEqualTo(engineAfter);
    assertThat(ExecutorTask.graphInferenceBatches() - graphBefore).as("graph batches").isEqualTo(batches);

    assertThat(planned).hasSize(10).hasSameSizeAs(onGraph);
    double worst = 0;
    for (int i = 0; i < planned.size(); i++) {
      Row p = planned.get(i);
      Row g = onGraph.get(i);
      assertThat(p.getInt(0)).isEqualTo(g.getInt(0));
      assertThat(p.getDouble(p.fieldIndex("prediction"))).as("class of row " + i)
          .isEqualTo(g.getDouble(g.fieldIndex("prediction")));
      assertThat(p.getList(p.fieldIndex("memberPredictions"))).isEqualTo(g.getList(g.fieldIndex("memberPredictions")));
      double[] rp = ((Vector) p.get(p.fieldIndex("rawPrediction"))).toArray();
      double[] rg = ((Vector) g.get(g.fieldIndex("rawPrediction"))).toArray();
      for (int c = 0; c < rp.length; c++) {
        worst = Math.max(worst, Math.abs(rp[c] - rg[c]) / Math.max(1, Math.abs(rg[c])));
      }
    }
    System.out.println("transform, engine vs graph: largest raw-prediction difference " + worst);
    assertThat(worst).as("mean logits, engine vs graph").isLessThan(1e-5);
  }

  /** The model's transform of 10 images in 2 partitions, in a session with {@code engine} (null: default). */
  private static List<Row> transform(MixMoClassificationModel model, String engine) {
    SparkSession.Builder b = SparkSession.builder().master("local[2]").appName("TransformOnTheEngineTest")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1");
    if (engine != null) {
      b.config(ModelFiles.ENGINE_KEY, engine);
    }
    SparkSession spark = b.getOrCreate();
    try {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        byte[] px = new byte[SHAPE.size()];
        for (int j = 0; j < px.length; j++) {
          px[j] = (byte) (i * 31 + j * 7);
        }
        rows.add(RowFactory.create(i, px));
      }
      StructType schema = new StructType().add("id", DataTypes.IntegerType).add("pixels", DataTypes.BinaryType);
      Dataset<Row> images = spark.createDataFrame(rows, schema).repartition(2);
      List<Row> out = new ArrayList<>(model.transform(images)
          .collectAsList());
      out.sort(Comparator.comparingInt(r -> r.getInt(0)));
      return out;
    } finally {
      spark.stop();
    }
  }
}
