package io.mixmo.datasets.manifest;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Columns of a shard: {@code id} (UTF-8 string, stable), {@code split} (string), {@code label}
 * (int32 class index), {@code pixels} (binary, uint8 C×H×W of the manifest's shape).
 */
public final class ShardSchema {
  public static final String ID = "id";
  public static final String SPLIT = "split";
  public static final String LABEL = "label";
  public static final String PIXELS = "pixels";

  public static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message image { required binary id (UTF8); required binary split (UTF8); required int32 label; "
          + "required binary pixels; }");

  private ShardSchema() {}

  /** Shard file name relative to the dataset root: {@code shards/part-00003-train.parquet}. */
  public static String fileName(int index, String split) {
    return String.format(java.util.Locale.ROOT, "shards/part-%05d-%s.parquet", index, split);
  }
}
