package io.mixmo.driver.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.run.HadoopFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mixmo report} with run directories on a real HDFS (MiniDFSCluster on 127.0.0.1), written to HDFS or locally. */
class RunReportHdfsTest {
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
    cluster = new MiniDFSCluster.Builder(conf, base.resolve("dfs").toFile()).numDataNodes(1).build();
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
  void readsRunsFromHdfsAndWritesTheReportToHdfsOrALocalFile() throws Exception {
    org.apache.hadoop.fs.Path a = new org.apache.hadoop.fs.Path(root + "/runs/a");
    org.apache.hadoop.fs.Path b = new org.apache.hadoop.fs.Path(root + "/runs/b");
    FileSystem fs = a.getFileSystem(conf);
    Map<String, Object> finalA = SyntheticRun.write(fs, a, 2, true);
    SyntheticRun.write(fs, b, 2, true);

    org.apache.hadoop.fs.Path written = RunReport.write(conf, List.of(a.toString(), b.toString()),
        root + "/reports/ab.html", null);
    String page = HadoopFiles.readString(fs, written);
    assertThat(written.toString()).startsWith(root);
    assertThat(page).contains("<title>MixMo runs compared</title>").contains(">a<").contains(">b<")
        .contains("data-key=\"ece\" data-run=\"0\" data-value=\"" + finalA.get("ece") + "\"");
    // no temporary file is left next to the report
    assertThat(fs.listStatus(written.getParent())).hasSize(1);

    Path local = base.resolve("local/a.html");
    RunReport.write(conf, List.of(a.toString()), local.toUri().toString(), "run a");
    assertThat(java.nio.file.Files.readString(local)).contains("<title>run a</title>")
        .contains("data-key=\"ensembleTop1\" data-run=\"0\" data-value=\"" + finalA.get("ensembleTop1") + "\"");
  }
}
