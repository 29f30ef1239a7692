package io.mixmo.driver.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.driver.config.ConfigBuilder;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The run directory on a real HDFS (MiniDFSCluster on 127.0.0.1): rename-based atomicity holds there
 * too, and {@code model.zip} with its metadata round-trips. Also lists image files for
 * {@code predict --images} there ({@link #imageFilesAreListedOnHdfs}).
 */
class HdfsRunDirectoryTest {
  static LoopbackHdfs hdfs;
  static Configuration conf;
  static String root;

  @TempDir static Path base;

  @BeforeAll
  static void startHdfs() throws Exception {
    hdfs = LoopbackHdfs.start(base);
    conf = hdfs.conf();
    root = hdfs.uri();
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Test
  void runFilesCheckpointsAndMetricsOnHdfs() throws Exception {
    RunDirectory run = RunDirectory.create(conf, root + "/runs/a", false);
    TrainConfig config = new ConfigBuilder().set("data.dataset", root + "/data/cifar10", "t")
        .set("run.run-dir", run.uri(), "t").build();
    run.writeConfig(config);
    run.writeConfig(config); // replacing an existing file: HDFS does not rename over it
    run.writeProvenance(Provenance.collect(config, "00", "", List.of("train")));
    MetricsLog metrics = run.newMetrics();
    metrics.append(Map.of("round", 1, "loss", 2.5));
    metrics.flush();
    metrics.append(Map.of("round", 2, "loss", 2.0));
    metrics.flush();

    CheckpointStore store = run.checkpoints();
    store.write(1, 0, state(1));
    store.write(2, 0, state(2));
    FileSystem fs = run.fileSystem();
    try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(run.uri() + "/checkpoints/2/state.bin"),
        true)) {
      out.write(bytes("tampered"));
    }
    fs.mkdirs(new org.apache.hadoop.fs.Path(run.uri() + "/checkpoints/_tmp-3-x"));

    ComputationGraph graph = MixMoNetworks.build(NetworkSpec.small(1, 2, new ImageShape(3, 32, 32)),
        new OptimizerConfig(new Sgd(0.1), 0));
    ModelMetadata metadata = ModelMetadata.of(1, List.of("a", "b"), new ImageShape(3, 32, 32), Normalization.identity(3),
        root + "/data/ab");
    run.writeModel(graph, true, metadata);
    run.writeModel(graph, true, metadata); // replaced in place

    RunDirectory reopened = RunDirectory.open(conf, run.uri());
    assertThat(reopened.readModel().graph().params()).isEqualTo(graph.params());
    assertThat(reopened.readModel().metadata()).contains(metadata);
    assertThat(reopened.readConfig()).isEqualTo(config);
    assertThat(reopened.checkpoints().latestComplete()).contains(Checkpoint.of(1, 0, state(1)));
    assertThat(fs.exists(new org.apache.hadoop.fs.Path(run.uri() + "/checkpoints/_tmp-3-x"))).isFalse();
    assertThat(HadoopFiles.readString(fs, run.file(RunDirectory.METRICS)).lines().toList()).hasSize(2);
    assertThat(fs.listStatus(run.path())).extracting(s -> s.getPath().getName())
        .containsExactlyInAnyOrder("config.yaml", "provenance.json", "metrics.jsonl", "checkpoints", "model.zip");
    assertThatThrownBy(() -> RunDirectory.create(conf, run.uri(), false)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not empty");
  }

  @Test
  void imageFilesAreListedOnHdfs() throws Exception {
    FileSystem fs = FileSystem.get(java.net.URI.create(root), conf);
    for (String name : List.of("/photos/b/2.png", "/photos/a/1.JPG", "/photos/_SUCCESS", "/photos/.x/3.jpg",
        "/photos/a/readme.md")) {
      try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(root + name))) {
        out.write(1);
      }
    }
    assertThat(io.mixmo.driver.predict.ImageFileList.of(conf, root + "/photos").paths())
        .containsExactly(root + "/photos/a/1.JPG", root + "/photos/b/2.png");
  }

  private static io.mixmo.worker.train.ModelState state(int n) {
    return new io.mixmo.worker.train.ModelState(new float[] {n, n + 1}, new float[] {n}, n, 0);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
