package io.mixmo.driver.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.run.LoopbackHdfs;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compare-and-swap on a real HDFS (MiniDFSCluster on 127.0.0.1), where it is a rename the
 * NameNode refuses when the target exists: of concurrent publishers exactly one wins.
 */
class HdfsPointerStoreTest {
  static LoopbackHdfs hdfs;
  static Configuration conf;
  @TempDir static Path base;

  @BeforeAll
  static void startHdfs() throws Exception {
    hdfs = LoopbackHdfs.start(base);
    conf = hdfs.conf();
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Test
  void concurrentPublishersOnHdfsHaveOneWinnerPerGeneration() throws Exception {
    ModelRoot root = ModelRoot.at(conf, hdfs.uri() + "/models/c10");
    assertThat(ExclusivePublish.isLocal(root.fileSystem())).isFalse();
    for (int round = 0; round < 3; round++) {
      assertThat(PointerStoreTest.race(root.pointers(), 6, round)).as("winners of round " + round).hasSize(1);
    }
    assertThat(root.pointers().all()).extracting(Pointer::generation).containsExactly(1L, 2L, 3L);
    assertThat(root.fileSystem().listStatus(root.pointers().directory())).hasSize(3);
  }
}
