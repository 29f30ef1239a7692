package io.mixmo.datasets.read;

import java.nio.charset.StandardCharsets;

/**
 * The 64-bit id a {@link io.mixmo.worker.data.LabeledImages} block carries for a dataset row:
 * FNV-1a over the UTF-8 bytes of the row's string id, then a murmur3 finaliser. It depends only on
 * the string id, so it is the same whatever the shard count or reading order.
 */
public final class StableIds {
  private StableIds() {}

  public static long of(String id) {
    long h = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
