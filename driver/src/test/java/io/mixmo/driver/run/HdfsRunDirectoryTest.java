package io.mixmo.driver.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.driver.config.ConfigBuilder;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.TrainConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run directory on a real HDFS (MiniDFSCluster on 127.0.0.1): rename-based atomicity holds there too. */
class HdfsRunDirectoryTest {
  static MiniDFSCluster cluster;
  static Configuration conf;
  static String root;

  @TempDir static Path base;

  @BeforeAll
  static void startHdfs() throws Exception {
    conf = new Configuration();
    for (String key : List.of("dfs.namenode.rpc-address", "dfs.namenode.http-address", "dfs.datanode.address",
        "dfs.datanode.http.address", "dfs.datanode.ipc.address")) {
      conf.set(key, "127.0.0.1:0");
    }
    cluster = new MiniDFSCluster.Builder(conf, base.toFile()).numDataNodes(1).build();
    cluster.waitActive();
    root = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown();
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
    store.write(Checkpoint.of(1, 0, bytes("one")));
    store.write(Checkpoint.of(2, 0, bytes("two")));
    FileSystem fs = run.fileSystem();
    try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(run.uri() + "/checkpoints/2/state.bin"),
        true)) {
      out.write(bytes("tampered"));
    }
    fs.mkdirs(new org.apache.hadoop.fs.Path(run.uri() + "/checkpoints/_tmp-3-x"));

    RunDirectory reopened = RunDirectory.open(conf, run.uri());
    assertThat(reopened.readConfig()).isEqualTo(config);
    assertThat(reopened.checkpoints().latestComplete()).contains(Checkpoint.of(1, 0, bytes("one")));
    assertThat(fs.exists(new org.apache.hadoop.fs.Path(run.uri() + "/checkpoints/_tmp-3-x"))).isFalse();
    assertThat(HadoopFiles.readString(fs, run.file(RunDirectory.METRICS)).lines().toList()).hasSize(2);
    assertThat(fs.listStatus(run.path())).extracting(s -> s.getPath().getName())
        .containsExactlyInAnyOrder("config.yaml", "provenance.json", "metrics.jsonl", "checkpoints");
    assertThatThrownBy(() -> RunDirectory.create(conf, run.uri(), false)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not empty");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
