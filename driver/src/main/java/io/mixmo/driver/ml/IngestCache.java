package io.mixmo.driver.ml;

import io.mixmo.datasets.manifest.Manifest;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The datasets recent fits ingested, so that fits of the same rows with the same ingest params
 * reuse one instead of decoding the images again (driver side): the param maps of one
 * {@code CrossValidator} fold, or a refit of the same DataFrame. The key is the rows' fingerprint
 * ({@link FitInput#fingerprint}: count and two hashes of every column the ingest reads, computed in
 * the input check's aggregate, so the same rows match through different query plans) and everything
 * that shapes the dataset (columns, formats, shape, validation draw and seed, ids, bad-record policy,
 * shards, classes). At most {@value #ENTRIES} are kept per JVM; a dataset this cache placed (under
 * {@code /tmp/mixmo-ml} when there is no workDir) is removed when evicted and at JVM exit; one in a
 * user's workDir is only forgotten.
 */
final class IngestCache {
  static final int ENTRIES = 2;
  private static final Map<String, Entry> ENTRIES_BY_KEY = new LinkedHashMap<>(4, 0.75f, true);

  private IngestCache() {}

  /** An ingested dataset: where, its manifest, and whether this cache made the place (and may remove it). */
  record Entry(String datasetUri, Manifest manifest, boolean owned, String fit) {}

  /** The dataset ingested under {@code key}, if any and still there. */
  static synchronized Entry lookup(String key, Configuration hadoop) {
    Entry e = ENTRIES_BY_KEY.get(key);
    if (e == null) {
      return null;
    }
    try {
      Path manifest = new Path(e.datasetUri(), "manifest.json");
      if (manifest.getFileSystem(hadoop).exists(manifest)) {
        return e;
      }
    } catch (IOException ignored) {
      // gone or unreadable: ingest again
    }
    ENTRIES_BY_KEY.remove(key);
    return null;
  }

  /** Where a dataset the cache owns goes when the fit has no workDir: outside the fit's temporary directory. */
  static String ownedLocation(Configuration hadoop, String uid, String key) throws IOException {
    Path p = new Path("/tmp/mixmo-ml/ingested-" + uid + "-" + key.substring(0, 16));
    FileSystem fs = p.getFileSystem(hadoop);
    p = fs.makeQualified(p);
    fs.deleteOnExit(p);
    return p.toString();
  }

  /** Remembers {@code entry} under {@code key}, evicting (and, if owned, removing) the least recent beyond ENTRIES. */
  static synchronized void put(String key, Entry entry, Configuration hadoop) {
    ENTRIES_BY_KEY.put(key, entry);
    Iterator<Map.Entry<String, Entry>> it = ENTRIES_BY_KEY.entrySet().iterator();
    while (ENTRIES_BY_KEY.size() > ENTRIES && it.hasNext()) {
      Entry old = it.next().getValue();
      it.remove();
      if (old.owned() && !old.datasetUri().equals(entry.datasetUri())) {
        try {
          Path p = new Path(old.datasetUri());
          p.getFileSystem(hadoop).delete(p, true);
        } catch (IOException e) {
          // left for the JVM-exit removal
        }
      }
    }
  }
}
