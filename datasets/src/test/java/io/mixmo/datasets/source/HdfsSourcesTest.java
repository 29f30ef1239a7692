package io.mixmo.datasets.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.datasets.source.cifar.CifarLabels;
import io.mixmo.datasets.source.cifar.CifarSource;
import io.mixmo.datasets.source.cifar.CifarVariant;
import io.mixmo.datasets.source.idx.IdxSource;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seek-based range reads (CIFAR files cut in parts, raw IDX) and the sequential archive read on a
 * real HDFS: a MiniDFSCluster on 127.0.0.1 started by the test, small blocks so records straddle blocks.
 */
class HdfsSourcesTest {
  private static MiniDFSCluster cluster;
  private static String nameNode;
  private static Configuration conf;

  @TempDir static Path base;

  @BeforeAll
  static void startHdfs() throws IOException {
    conf = new Configuration();
    conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.setLong("dfs.blocksize", 1 << 20);
    conf.setLong("dfs.namenode.fs-limits.min-block-size", 1 << 16);
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

  private static void put(String path, byte[] content) throws IOException {
    FileSystem fs = cluster.getFileSystem();
    try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(path), true)) {
      out.write(content);
    }
  }

  private static List<SourceRecord> readAll(ImageSource s, String split) throws IOException {
    List<SourceRecord> all = new ArrayList<>();
    for (SourcePart p : s.parts(conf, split)) {
      try (RecordIterator it = s.read(conf, p, BadRecordPolicy.FAIL)) {
        it.forEachRemaining(all::add);
      }
    }
    return all;
  }

  /** A CIFAR-10 file of n records: label i % 10, pixel j = (i + j) mod 256. */
  private static byte[] cifar(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      out.write(i % 10);
      for (int j = 0; j < 3072; j++) {
        out.write(i + j);
      }
    }
    return out.toByteArray();
  }

  private static void assertCifar(List<SourceRecord> records, int n, String stem) {
    assertThat(records).hasSize(n);
    for (int i = 0; i < n; i++) {
      SourceRecord r = records.get(i);
      assertThat(r.id()).isEqualTo("cifar10/train/" + stem + "/" + i);
      assertThat(r.label()).isEqualTo(i % 10);
      assertThat(r.pixels()[0]).isEqualTo((byte) i);
      assertThat(r.pixels()[3071]).isEqualTo((byte) (i + 3071));
    }
  }

  @Test
  void cifarRangePartsAndArchiveReadFromHdfs() throws IOException {
    // 700 records = 2.15 MB: three 1 MB blocks; parts of 128 records start inside blocks.
    byte[] batch = cifar(700);
    for (int b = 1; b <= 5; b++) {
      put("/cifar/cifar-10-batches-bin/data_batch_" + b + ".bin", b == 3 ? batch : cifar(1));
    }
    put("/cifar/cifar-10-batches-bin/test_batch.bin", cifar(2));
    CifarSource plain = new CifarSource(nameNode + "/cifar", CifarVariant.CIFAR10, CifarLabels.FINE, 128);
    assertThat(plain.parts(conf, "train")).hasSize(4 + 6);
    List<SourceRecord> train = readAll(plain, "train");
    assertCifar(train.subList(2, 702), 700, "data_batch_3");

    ByteArrayOutputStream tgz = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(tgz))) {
      for (String name : List.of("data_batch_3.bin", "data_batch_1.bin", "data_batch_2.bin", "data_batch_4.bin",
          "data_batch_5.bin", "test_batch.bin")) {
        byte[] content = name.equals("data_batch_3.bin") ? batch : cifar(name.startsWith("test") ? 2 : 1);
        TarArchiveEntry e = new TarArchiveEntry("cifar-10-batches-bin/" + name);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    put("/archives/cifar-10-binary.tar.gz", tgz.toByteArray());
    CifarSource archive = new CifarSource(nameNode + "/archives/cifar-10-binary.tar.gz", CifarVariant.CIFAR10);
    assertThat(archive.describe(conf).classes()).hasSize(10);
    // Archive order: data_batch_3 comes first in this tar.
    assertCifar(readAll(archive, "train").subList(0, 700), 700, "data_batch_3");
  }

  @Test
  void rawIdxRangePartsReadFromHdfs() throws IOException {
    int n = 2000;
    ByteArrayOutputStream images = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(images);
    out.writeInt(0x803);
    out.writeInt(n);
    out.writeInt(28);
    out.writeInt(28);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 784; j++) {
        out.write(i * 7 + j);
      }
    }
    ByteArrayOutputStream labels = new ByteArrayOutputStream();
    DataOutputStream lo = new DataOutputStream(labels);
    lo.writeInt(0x801);
    lo.writeInt(n);
    for (int i = 0; i < n; i++) {
      lo.write(i % 10);
    }
    for (String prefix : List.of("train", "t10k")) {
      put("/idx/" + prefix + "-images-idx3-ubyte", images.toByteArray());
      put("/idx/" + prefix + "-labels-idx1-ubyte", labels.toByteArray());
    }
    IdxSource source = new IdxSource(nameNode + "/idx", "mnist", IdxSource.MNIST_CLASSES, 300);
    assertThat(source.parts(conf, "train")).hasSize(7);
    List<SourceRecord> records = readAll(source, "train");
    assertThat(records).hasSize(n);
    for (int i = 0; i < n; i += 97) {
      assertThat(records.get(i).id()).isEqualTo("mnist/train/" + i);
      assertThat(records.get(i).label()).isEqualTo(i % 10);
      assertThat(records.get(i).pixels()[5]).isEqualTo((byte) (i * 7 + 5));
    }
  }
}
