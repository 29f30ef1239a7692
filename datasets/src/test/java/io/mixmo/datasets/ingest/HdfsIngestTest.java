package io.mixmo.datasets.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.manifest.ShardEntry;
import io.mixmo.datasets.read.SparkShards;
import io.mixmo.datasets.read.StableIds;
import io.mixmo.datasets.source.folder.FolderImageSource;
import io.mixmo.datasets.testing.TestData;
import io.mixmo.datasets.testing.TestSpark;
import io.mixmo.worker.data.LabeledImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest from and to a real HDFS (a MiniDFSCluster on 127.0.0.1 started by the test), read back with Spark. */
class HdfsIngestTest {
  private static MiniDFSCluster cluster;
  private static String nameNode;

  @TempDir static Path base;

  @BeforeAll
  static void startHdfs() throws IOException {
    Configuration conf = new Configuration();
    conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    cluster = new MiniDFSCluster.Builder(conf, base.toFile()).numDataNodes(1).build();
    cluster.waitActive();
    nameNode = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  @Test
  void ingestFromHdfsToHdfsReadsBackTheSamePixels() throws IOException {
    SparkSession spark = TestSpark.session();
    FileSystem fs = cluster.getFileSystem();
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(TestData.SAMPLE.toAbsolutePath().toString()),
        new org.apache.hadoop.fs.Path("/sources/cifar10-sample.tar.gz"));
    String source = nameNode + "/sources/cifar10-sample.tar.gz";
    String out = nameNode + "/datasets/c10";

    Manifest m = IngestJob.run(spark, new FolderImageSource(source), IngestOptions.of(out, "folder " + source).withShards(2));

    assertThat(m.count("train")).isEqualTo(3000);
    assertThat(m.count("test")).isEqualTo(500);
    assertThat(m.sourceSha256()).containsOnlyKeys(source);
    assertThat(m.sourceSha256().get(source)).isEqualTo(sha256Local(TestData.SAMPLE));
    FileStatus[] siblings = fs.listStatus(new org.apache.hadoop.fs.Path("/datasets"));
    assertThat(siblings).extracting(s -> s.getPath().getName()).containsExactly("c10");
    for (ShardEntry e : m.shards()) {
      assertThat(Sha256.of(fs.getConf(), out + "/" + e.file())).isEqualTo(e.sha256());
    }
    assertThat(Manifest.read(spark.sparkContext().hadoopConfiguration(), out)).isEqualTo(m);

    Map<Long, String> names = new HashMap<>();
    Map<String, byte[]> sample = TestData.entries(TestData.SAMPLE);
    sample.keySet().forEach(n -> names.put(StableIds.of(n), n));
    List<LabeledImages> blocks = SparkShards.load(spark, out, "test").collect();
    assertThat(blocks).hasSize(2);
    int checked = 0;
    for (LabeledImages b : blocks) {
      for (int i = 0; i < b.size(); i++) {
        byte[] direct = TestData.decodeDirect(sample.get(names.get(b.id(i))));
        assertThat(Arrays.copyOfRange(b.pixels(), b.offset(i), b.offset(i) + direct.length)).isEqualTo(direct);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(500);

    // The same source ingested to the local file system, in this JVM, gives byte-identical shards.
    // (Across JVMs the rows are the same but parquet-mr may order a footer's encodings differently.)
    String local = base.resolve("local-c10").toUri().toString();
    Manifest onDisk = IngestJob.run(spark, new FolderImageSource(TestData.SAMPLE.toAbsolutePath().toUri().toString()),
        IngestOptions.of(local, "folder local").withShards(2));
    assertThat(onDisk.shards()).isEqualTo(m.shards());
  }

  private static String sha256Local(Path f) throws IOException {
    try {
      return IngestJobTest.sha256(f);
    } catch (Exception e) {
      throw new IOException(e);
    }
  }
}
