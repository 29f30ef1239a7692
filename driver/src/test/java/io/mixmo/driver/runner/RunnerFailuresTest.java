package io.mixmo.driver.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Runner-side failures through the CLI, before any Spark work: exit code 2 (configuration) or 3
 * (input data) and a message naming the key or path.
 */
class RunnerFailuresTest {
  @TempDir Path tmp;
  final Cli cli = new Cli();

  int train(String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--preset", "quickstart", "--run-dir",
        tmp.resolve("run").toString()));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void aDatasetShapeTheNetworkCannotTakeExitsTwoNamingTheBackbone() throws Exception {
    Path dir = tmp.resolve("tiny");
    ingestTinyImages(tmp.resolve("tiny-src"), dir);
    assertThat(train("--dataset", dir.toString(), "--set", "network.backbone=preact-resnet18", "--set",
        "network.depth=18", "--batch-size", "2", "--workers", "1", "--master", "local[2]")).as(cli.output()).isEqualTo(2);
    assertThat(cli.err.toString()).contains("network.backbone preact-resnet18 cannot take the dataset's images");
    assertThat(tmp.resolve("run")).doesNotExist();
  }

  /** A real dataset of 8x8 images (two classes, 4 train and 2 test images each), ingested in local Spark. */
  private static void ingestTinyImages(Path src, Path out) throws Exception {
    for (String split : List.of("train", "test")) {
      for (String cls : List.of("dark", "light")) {
        Path folder = java.nio.file.Files.createDirectories(src.resolve(split).resolve(cls));
        for (int i = 0; i < (split.equals("train") ? 4 : 2); i++) {
          java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8,
              java.awt.image.BufferedImage.TYPE_INT_RGB);
          image.setRGB(i, i, cls.equals("dark") ? 0x202020 : 0xE0E0E0);
          javax.imageio.ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
        }
      }
    }
    org.apache.spark.sql.SparkSession spark = org.apache.spark.sql.SparkSession.builder().master("local[2]")
        .appName("tiny").config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    try {
      io.mixmo.datasets.ingest.IngestJob.run(spark, new io.mixmo.datasets.source.folder.FolderImageSource(
          src.toString()), io.mixmo.datasets.ingest.IngestOptions.of(out.toUri().toString(), "folder " + src)
          .withShards(1));
    } finally {
      spark.stop();
    }
  }

  @Test
  void initFromAModelOfOtherClassesExitsTwoNamingTheKey() throws Exception {
    Path model = tmp.resolve("five-classes.zip");
    ModelSerializer.writeModel(MixMoNetworks.build(NetworkSpec.small(2, 5, new ImageShape(3, 32, 32)),
        new OptimizerConfig(new Sgd(0.1), 0)), model.toFile(), false);
    assertThat(train("--dataset", SampleDataset.get().toString(), "--init-from", model.toString(),
        "--master", "local[2]")).as(cli.output()).isEqualTo(2);
    assertThat(cli.err.toString()).contains("run.init-from " + model).contains("predicts 5 classes")
        .contains("has 10");
  }

  @Test
  void initFromAMissingModelExitsThreeNamingThePath() {
    Path missing = tmp.resolve("nowhere");
    assertThat(train("--dataset", SampleDataset.get().toString(), "--init-from", missing.toString(),
        "--master", "local[2]")).as(cli.output()).isEqualTo(3);
    assertThat(cli.err.toString()).contains("model not found").contains(missing.toString());
  }

  @Test
  void gpusAskedOfTheCpuBuildExitTwoNamingTheBuildBeforeSparkStarts() {
    assertThat(train("--dataset", SampleDataset.get().toString(), "--gpus-per-executor", "2",
        "--master", "spark://127.0.0.1:1")).as(cli.output()).isEqualTo(2);
    assertThat(cli.err.toString()).contains("GPU executors were requested (spark.executor.resource.gpu.amount = 2")
        .contains("this is the CPU build").contains("bash .ci/cuda-build").doesNotContain("\tat ");
  }

  @Test
  void noSparkMasterExitsTwoSayingHowToSetIt() {
    assertThat(System.getProperty("spark.master")).isNull();
    assertThat(train("--dataset", SampleDataset.get().toString())).as(cli.output()).isEqualTo(2);
    assertThat(cli.err.toString()).contains("spark.master is not set: pass --master");
  }

  @Test
  void evaluatingAModelOfOtherClassesExitsTwoNamingTheModel() throws Exception {
    Path model = tmp.resolve("three-classes.zip");
    ModelSerializer.writeModel(MixMoNetworks.build(NetworkSpec.small(2, 3, new ImageShape(3, 32, 32)),
        new OptimizerConfig(new Sgd(0.1), 0)), model.toFile(), false);
    assertThat(cli.run("evaluate", "--model", model.toString(), "--dataset", SampleDataset.get().toString(),
        "--master", "local[2]")).as(cli.output()).isEqualTo(2);
    assertThat(cli.err.toString()).contains("--model file:" + model).contains("predicts 3 classes");
  }

  @Test
  void evaluatingOrPredictingAMissingSplitExitsTwoListingTheSplits() throws Exception {
    Path model = tmp.resolve("ten-classes.zip");
    ModelSerializer.writeModel(MixMoNetworks.build(NetworkSpec.small(2, 10, new ImageShape(3, 32, 32)),
        new OptimizerConfig(new Sgd(0.1), 0)), model.toFile(), false);
    assertThat(cli.run("evaluate", "--model", model.toString(), "--dataset", SampleDataset.get().toString(),
        "--split", "validation", "--master", "local[2]")).as(cli.output()).isEqualTo(2);
    assertThat(cli.err.toString()).contains("--split 'validation'").contains("[test, train]");
    assertThat(cli.run("predict", "--model", model.toString(), "--dataset", SampleDataset.get().toString(),
        "--split", "validation", "--output", tmp.resolve("p").toString(), "--master", "local[2]"))
        .as(cli.output()).isEqualTo(2);
    assertThat(tmp.resolve("p")).doesNotExist();
  }
}
