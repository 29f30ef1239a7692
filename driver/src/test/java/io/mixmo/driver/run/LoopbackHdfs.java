package io.mixmo.driver.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * Test helper: a real HDFS (MiniDFSCluster, one DataNode) whose NameNode and DataNode listen on
 * 127.0.0.1 only, on free ports. Start it in {@code @BeforeAll}, {@link #close} it in {@code @AfterAll}.
 */
public final class LoopbackHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;
  private final Configuration conf;

  private LoopbackHdfs(MiniDFSCluster cluster, Configuration conf) {
    this.cluster = cluster;
    this.conf = conf;
  }

  /** Starts a cluster keeping its blocks under {@code dir} and waits until it serves. */
  public static LoopbackHdfs start(Path dir) throws IOException {
    Configuration conf = new Configuration();
    for (String key : List.of("dfs.namenode.rpc-address", "dfs.namenode.http-address", "dfs.datanode.address",
        "dfs.datanode.http.address", "dfs.datanode.ipc.address")) {
      conf.set(key, "127.0.0.1:0");
    }
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, dir.toFile()).numDataNodes(1).build();
    cluster.waitActive();
    return new LoopbackHdfs(cluster, conf);
  }

  /** The client configuration of this cluster. */
  public Configuration conf() {
    return conf;
  }

  /** {@code hdfs://127.0.0.1:<port>}, without a trailing slash. */
  public String uri() {
    return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  @Override
  public void close() {
    cluster.shutdown();
  }
}
