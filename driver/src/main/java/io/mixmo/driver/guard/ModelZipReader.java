package io.mixmo.driver.guard;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.support.BoundedStreams;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one reader of {@code model.zip} files (driver side): every path that loads a saved model
 * ({@code evaluate}/{@code predict --model}, {@code --init-from}, the promoted model of
 * {@code --model-root}, the Spark ML loader) comes here through {@code ModelArchive.read}. DL4J's
 * {@code ModelSerializer} never sees the file: it Java-deserializes a {@code preprocessor.bin} entry
 * and allocates whatever a header declares. Instead, before anything is allocated:
 * <ol>
 *   <li>the zip's entries are exactly those mixmo writes ({@link #CAPS}: the configuration, the
 *       coefficients, the updater state, mixmo's metadata), each once, each read through to its end
 *       under its byte cap (a declared size is never trusted);</li>
 *   <li>the configuration (JSON) gives the parameter count (overflow-checked);</li>
 *   <li>the coefficients' header must declare exactly that count of floating-point values, and exactly
 *       that many bytes must follow; the updater state's header must match the updater the
 *       configuration builds;</li>
 * </ol>
 * then the graph is built from the configuration and the two arrays, as DL4J would.
 */
public final class ModelZipReader {
  public static final String CONFIGURATION = "configuration.json";
  public static final String COEFFICIENTS = "coefficients.bin";
  public static final String UPDATER = "updaterState.bin";
  public static final String METADATA = "mixmo-model.json";
  /** The largest coefficients entry: 2^28 float parameters (1 GiB). */
  public static final long MAX_COEFFICIENTS = 1L << 30;
  /** The entries allowed and their byte caps. */
  public static final Map<String, Long> CAPS = Map.of(CONFIGURATION, 16L << 20, COEFFICIENTS, MAX_COEFFICIENTS,
      UPDATER, 3 * MAX_COEFFICIENTS, METADATA, 16L << 20);
  /** The largest {@code model.zip}: the sum of the entries' caps and their zip headers. */
  public static final long MAX_FILE = CAPS.values().stream().mapToLong(Long::longValue).sum() + (1L << 20);

  private ModelZipReader() {}

  /** What a checked {@code model.zip} holds: its graph (updater state included when saved), its metadata's bytes. */
  public record Contents(ComputationGraph graph, Optional<byte[]> metadataJson) {}

  /**
   * Checks then reads the {@code model.zip} at {@code local} (a private local copy); {@code name}
   * names the user's file in every {@link BadInputException}.
   */
  public static Contents read(java.nio.file.Path local, String name) throws IOException {
    try (ZipFile zip = new ZipFile(local.toFile())) {
      Map<String, ZipArchiveEntry> entries = entries(zip, name);
      for (Map.Entry<String, ZipArchiveEntry> e : entries.entrySet()) {
        try (InputStream in = zip.getInputStream(e.getValue())) {
          BoundedStreams.drain(in, CAPS.get(e.getKey()), name + ": entry " + e.getKey());
        }
      }
      ComputationGraphConfiguration conf = configuration(zip, entries.get(CONFIGURATION), name);
      long params = parameterCount(conf, name);
      NdArrayHeader coefficients;
      try (InputStream in = zip.getInputStream(entries.get(COEFFICIENTS))) {
        coefficients = NdArrayHeader.check(in, name + ": entry " + COEFFICIENTS);
      }
      if (coefficients.length() != params) {
        throw new BadInputException(name + ": entry " + COEFFICIENTS + " holds " + coefficients.length()
            + " parameters but its " + CONFIGURATION + " describes a network of " + params
            + ": the two do not belong together (a damaged or hand-made model.zip)");
      }
      INDArray values;
      try (InputStream in = zip.getInputStream(entries.get(COEFFICIENTS))) {
        values = Nd4j.read(new DataInputStream(in));
      }
      conf.setDataType(values.dataType());
      ComputationGraph graph = new ComputationGraph(conf);
      graph.init(values, false);
      ZipArchiveEntry updater = entries.get(UPDATER);
      if (updater != null) {
        restoreUpdater(zip, updater, graph, name);
      }
      ZipArchiveEntry metadata = entries.get(METADATA);
      if (metadata == null) {
        return new Contents(graph, Optional.empty());
      }
      try (InputStream in = zip.getInputStream(metadata)) {
        return new Contents(graph, Optional.of(BoundedStreams.readAll(in, CAPS.get(METADATA).intValue(),
            name + ": entry " + METADATA)));
      }
    }
  }

  /** The entries by name: only known names, each once, no directory; the configuration and coefficients present. */
  private static Map<String, ZipArchiveEntry> entries(ZipFile zip, String name) {
    Map<String, ZipArchiveEntry> byName = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
      String entryName = entry.getName();
      if (!CAPS.containsKey(entryName)) {
        unknown.add(entryName.length() > 80 ? entryName.substring(0, 80) + "..." : entryName);
        if (unknown.size() > 5) {
          break;
        }
        continue;
      }
      if (byName.put(entryName, entry) != null) {
        throw new BadInputException(name + ": entry " + entryName + " appears twice; a model.zip mixmo wrote has"
            + " each entry once");
      }
    }
    if (!unknown.isEmpty()) {
      throw new BadInputException(name + " holds entries mixmo never writes " + unknown + " (allowed: "
          + new java.util.TreeSet<>(CAPS.keySet()) + "); refused without reading them (a preprocessor.bin or"
          + " normalizer.bin would be Java-deserialized by DL4J)");
    }
    for (String required : List.of(CONFIGURATION, COEFFICIENTS)) {
      if (!byName.containsKey(required)) {
        throw new BadInputException(name + " has no " + required + " entry: it is not a model.zip written by mixmo"
            + " or DL4J");
      }
    }
    return byName;
  }

  private static ComputationGraphConfiguration configuration(ZipFile zip, ZipArchiveEntry entry, String name)
      throws IOException {
    String json;
    try (InputStream in = zip.getInputStream(entry)) {
      json = new String(BoundedStreams.readAll(in, CAPS.get(CONFIGURATION).intValue(), name + ": entry "
          + CONFIGURATION), StandardCharsets.UTF_8);
    }
    try {
      ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(json);
      if (conf.getVertices() == null || conf.getVertices().isEmpty() || conf.getNetworkInputs() == null
          || conf.getNetworkInputs().isEmpty()) {
        throw new IllegalArgumentException("no vertices or no inputs");
      }
      return conf;
    } catch (RuntimeException e) {
      throw new BadInputException(name + ": entry " + CONFIGURATION + " is not a DL4J ComputationGraph"
          + " configuration (" + e.getMessage() + ")", e);
    }
  }

  /** The number of parameters the configuration's vertices hold, refused if it overflows or passes the cap. */
  static long parameterCount(ComputationGraphConfiguration conf, String name) {
    long total = 0;
    for (Map.Entry<String, GraphVertex> v : conf.getVertices().entrySet()) {
      long n;
      try {
        n = v.getValue().numParams(true);
      } catch (RuntimeException e) {
        throw new BadInputException(name + ": vertex " + v.getKey() + " of " + CONFIGURATION
            + " cannot say its parameter count (" + e.getMessage() + ")", e);
      }
      if (n < 0) {
        throw new BadInputException(name + ": vertex " + v.getKey() + " of " + CONFIGURATION + " declares " + n
            + " parameters (an overflow)");
      }
      try {
        total = Math.addExact(total, n);
      } catch (ArithmeticException e) {
        throw new BadInputException(name + ": the parameter count of " + CONFIGURATION + " overflows 64 bits");
      }
    }
    if (total > MAX_COEFFICIENTS / Float.BYTES) {
      throw new BadInputException(name + ": " + CONFIGURATION + " describes " + total + " parameters, more than the "
          + MAX_COEFFICIENTS / Float.BYTES + " a model.zip may hold");
    }
    return total;
  }

  private static void restoreUpdater(ZipFile zip, ZipArchiveEntry entry, ComputationGraph graph, String name)
      throws IOException {
    String what = name + ": entry " + UPDATER;
    NdArrayHeader header;
    try (InputStream in = zip.getInputStream(entry)) {
      header = NdArrayHeader.check(in, what);
    }
    ComputationGraphUpdater updater = graph.getUpdater();
    INDArray view = updater.getStateViewArray();
    long expected = view == null ? 0 : view.length();
    if (header.length() != expected) {
      throw new BadInputException(what + " holds " + header.length() + " values but the updater of its "
          + CONFIGURATION + " keeps " + expected + ": the two do not belong together");
    }
    if (expected == 0) {
      return;
    }
    try (InputStream in = zip.getInputStream(entry)) {
      updater.setStateViewArray(Nd4j.read(new DataInputStream(in)));
    }
  }
}
