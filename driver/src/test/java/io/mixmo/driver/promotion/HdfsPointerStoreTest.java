package io.mixmo.driver.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compare-and-swap on a real HDFS (MiniDFSCluster on 127.0.0.1), where it is a rename the
 * NameNode refuses when the target exists: of concurrent publishers exactly one wins.
 */
class HdfsPointerStoreTest {
  static MiniDFSCluster cluster;
  static Configuration conf;
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
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  @Test
  void concurrentPublishersOnHdfsHaveOneWinnerPerGeneration() throws Exception {
    ModelRoot root = ModelRoot.at(conf, "hdfs://127.0.0.1:" + cluster.getNameNodePort() + "/models/c10");
    assertThat(ExclusivePublish.isLocal(root.fileSystem())).isFalse();
    for (int round = 0; round < 3; round++) {
      assertThat(PointerStoreTest.race(root.pointers(), 6, round)).as("winners of round " + round).hasSize(1);
    }
    assertThat(root.pointers().all()).extracting(Pointer::generation).containsExactly(1L, 2L, 3L);
    assertThat(root.fileSystem().listStatus(root.pointers().directory())).hasSize(3);
  }
}
