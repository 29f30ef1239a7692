package io.mixmo.driver.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixmo.datasets.manifest.ShardSchema;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * The damage the fault-injection suite does to copies of good inputs, as users' tools and disks do
 * it. A file changed here loses its Hadoop {@code .crc} side file (as after {@code cp} or on HDFS and
 * object stores, where there is none), so that what is checked is the content itself.
 */
final class Damage {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Damage() {}

  /** A copy of the directory {@code from} at {@code to}. */
  static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return to;
  }

  /** The path of shard {@code index} of {@code split}, as the manifest lists it. */
  static Path shard(Path dataset, String split, int index) throws IOException {
    List<String> files = new ArrayList<>();
    for (JsonNode s : manifest(dataset).get("shards")) {
      if (s.get("split").asText().equals(split)) {
        files.add(s.get("file").asText());
      }
    }
    return dataset.resolve(files.get(index));
  }

  static ObjectNode manifest(Path dataset) throws IOException {
    return (ObjectNode) JSON.readTree(dataset.resolve("manifest.json").toFile());
  }

  static void truncate(Path file, long size) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
    dropChecksum(file);
  }

  /** Flips one bit in the middle of the file (inside the data pages of a shard): same size, other content. */
  static void flipMiddle(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x04;
    Files.write(file, bytes);
    dropChecksum(file);
  }

  static void delete(Path file) throws IOException {
    Files.delete(file);
    dropChecksum(file);
  }

  static void editManifest(Path dataset, Consumer<ObjectNode> edit) throws IOException {
    ObjectNode m = manifest(dataset);
    edit.accept(m);
    Files.write(dataset.resolve("manifest.json"), JSON.writeValueAsBytes(m));
    dropChecksum(dataset.resolve("manifest.json"));
  }

  /**
   * Rewrites one shard with its first image's label set to {@code label}, and the manifest's size and
   * sha256 of that shard to match: a producer's bug, not a damaged file, which only the data shows.
   */
  static void relabelFirstImage(Path dataset, Path shard, int label) throws Exception {
    Configuration hadoop = new Configuration();
    List<Group> rows = new ArrayList<>();
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
        new org.apache.hadoop.fs.Path(shard.toUri())).withConf(hadoop).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        rows.add(g);
      }
    }
    SimpleGroupFactory groups = new SimpleGroupFactory(ShardSchema.SCHEMA);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(
        new org.apache.hadoop.fs.Path(shard.toUri()), hadoop)).withType(ShardSchema.SCHEMA)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
      for (int i = 0; i < rows.size(); i++) {
        Group g = rows.get(i);
        writer.write(groups.newGroup().append(ShardSchema.ID, g.getString(ShardSchema.ID, 0))
            .append(ShardSchema.SPLIT, g.getString(ShardSchema.SPLIT, 0))
            .append(ShardSchema.LABEL, i == 0 ? label : g.getInteger(ShardSchema.LABEL, 0))
            .append(ShardSchema.PIXELS, g.getBinary(ShardSchema.PIXELS, 0)));
      }
    }
    dropChecksum(shard);
    String name = dataset.relativize(shard).toString();
    long size = Files.size(shard);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(shard)));
    editManifest(dataset, m -> m.get("shards").forEach(s -> {
      if (s.get("file").asText().equals(name)) {
        ((ObjectNode) s).put("bytes", size).put("sha256", sha);
      }
    }));
  }

  /** Removes Hadoop's local checksum side file of {@code file}, if any. */
  static void dropChecksum(Path file) throws IOException {
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
  }

  /** Every regular file under {@code dir} whose bytes contain {@code text}. */
  static List<Path> filesContaining(Path dir, String text) throws IOException {
    List<Path> found = new ArrayList<>();
    if (!Files.exists(dir)) {
      return found;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text)) {
          found.add(f);
        }
      }
    }
    return found;
  }

  /** Names of the entries of {@code dir}, sorted; empty when it does not exist. */
  static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
