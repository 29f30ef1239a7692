package io.mixmo.driver.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.driver.run.LoopbackHdfs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mixmo report} with run directories on a real HDFS (MiniDFSCluster on 127.0.0.1), written to HDFS or locally. */
class RunReportHdfsTest {
  static LoopbackHdfs hdfs;
  static Configuration conf;
  static String root;
  @TempDir static Path base;

  @BeforeAll
  static void startHdfs() throws Exception {
    hdfs = LoopbackHdfs.start(base.resolve("dfs"));
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
