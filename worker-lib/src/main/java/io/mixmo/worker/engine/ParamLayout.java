package io.mixmo.worker.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every parameter lives in the flat parameter vector and in the flat updater (momentum)
 * vector — DL4J's layout: layers in the graph's topological order, each layer's parameters in its
 * initialiser's order (conv: W OIHW; batch norm: γ, β, running mean, running variance; dense: W
 * column-major [nIn, nOut], then b); the momentum vector holds every trainable parameter in the
 * same order and skips the BN running statistics (their updater keeps no state). Immutable.
 */
public final class ParamLayout {
  /** The kinds of parameterised layers. */
  public enum Kind { CONV, BATCH_NORM, DENSE }

  /** One layer's parameters: names, lengths and offsets (params and momentum; −1: no momentum). */
  public record Layer(String name, Kind kind, String[] params, long[] lengths, long[] offsets, long[] momentumOffsets) {
    public long offset(String param) {
      for (int i = 0; i < params.length; i++) {
        if (params[i].equals(param)) {
          return offsets[i];
        }
      }
      throw new IllegalArgumentException("layer " + name + " has no parameter " + param);
    }

    public long length(String param) {
      for (int i = 0; i < params.length; i++) {
        if (params[i].equals(param)) {
          return lengths[i];
        }
      }
      throw new IllegalArgumentException("layer " + name + " has no parameter " + param);
    }
  }

  private final List<Layer> layers;
  private final Map<String, Layer> byName = new HashMap<>();
  private final long paramCount;
  private final long momentumCount;
  private final int[] trainableSegments;

  private ParamLayout(List<Layer> layers, long paramCount, long momentumCount, int[] trainable) {
    this.layers = Collections.unmodifiableList(layers);
    for (Layer l : layers) {
      byName.put(l.name(), l);
    }
    this.paramCount = paramCount;
    this.momentumCount = momentumCount;
    this.trainableSegments = trainable;
  }

  /** A conv layer's parameter declaration (no bias). */
  static Layer conv(String name, long weights) {
    return new Layer(name, Kind.CONV, new String[] {"W"}, new long[] {weights}, null, null);
  }

  static Layer batchNorm(String name, long channels) {
    return new Layer(name, Kind.BATCH_NORM, new String[] {"gamma", "beta", "mean", "var"},
        new long[] {channels, channels, channels, channels}, null, null);
  }

  static Layer dense(String name, long nIn, long nOut) {
    return new Layer(name, Kind.DENSE, new String[] {"W", "b"}, new long[] {nIn * nOut, nOut}, null, null);
  }

  /**
   * Lays out {@code declared} layers in {@code order} (layer names; null: declaration order). Every
   * declared layer must appear exactly once.
   */
  static ParamLayout of(List<Layer> declared, List<String> order) {
    Map<String, Layer> decl = new HashMap<>();
    for (Layer l : declared) {
      decl.put(l.name(), l);
    }
    List<Layer> ordered = new ArrayList<>();
    if (order == null) {
      ordered.addAll(declared);
    } else {
      for (String name : order) {
        Layer l = decl.remove(name);
        if (l != null) {
          ordered.add(l);
        }
      }
      if (!decl.isEmpty()) {
        throw new IllegalArgumentException("layer order misses the engine's layers " + decl.keySet());
      }
    }
    List<Layer> placed = new ArrayList<>();
    List<Integer> trainable = new ArrayList<>();
    long p = 0;
    long m = 0;
    for (Layer l : ordered) {
      long[] offsets = new long[l.params().length];
      long[] moms = new long[l.params().length];
      for (int i = 0; i < offsets.length; i++) {
        offsets[i] = p;
        boolean stats = l.kind() == Kind.BATCH_NORM && i >= 2;
        moms[i] = stats ? -1 : m;
        if (!stats) {
          trainable.add(Math.toIntExact(p));
          trainable.add(Math.toIntExact(m));
          trainable.add(Math.toIntExact(l.lengths()[i]));
          m += l.lengths()[i];
        }
        p += l.lengths()[i];
      }
      placed.add(new Layer(l.name(), l.kind(), l.params(), l.lengths(), offsets, moms));
    }
    return new ParamLayout(placed, p, m, merge(trainable));
  }

  /** Joins adjacent segments (contiguous in both vectors) so the update runs over long spans. */
  private static int[] merge(List<Integer> segs) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < segs.size(); i += 3) {
      int n = out.size();
      if (n > 0 && out.get(n - 3) + out.get(n - 1) == segs.get(i) && out.get(n - 2) + out.get(n - 1) == segs.get(i + 1)) {
        out.set(n - 1, out.get(n - 1) + segs.get(i + 2));
      } else {
        out.add(segs.get(i));
        out.add(segs.get(i + 1));
        out.add(segs.get(i + 2));
      }
    }
    return toArray(out);
  }

  private static int[] toArray(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  public List<Layer> layers() {
    return layers;
  }

  public Layer layer(String name) {
    Layer l = byName.get(name);
    if (l == null) {
      throw new IllegalArgumentException("no layer " + name + " in the engine's parameter layout");
    }
    return l;
  }

  /** Length of the flat parameter vector ({@code graph.params()}). */
  public long paramCount() {
    return paramCount;
  }

  /** Length of the flat momentum vector (the updater state). */
  public long momentumCount() {
    return momentumCount;
  }

  /** (param offset, momentum offset, length) triples of the trainable parameters, merged. */
  public int[] trainableSegments() {
    return trainableSegments.clone();
  }

  int[] trainableSegmentsShared() {
    return trainableSegments;
  }

  /** Sum of the squares of the trainable parameters of {@code params} (the L2 score is ½·l2 times it). */
  public double trainableSquares(float[] params) {
    double s = 0;
    for (int i = 0; i < trainableSegments.length; i += 3) {
      for (int k = 0; k < trainableSegments[i + 2]; k++) {
        double v = params[trainableSegments[i] + k];
        s += v * v;
      }
    }
    return s;
  }
}
