package io.mixmo.worker.net;

import io.mixmo.worker.seed.Rng;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Weight initialisation of {@code docs/mixmo.md} §1.4, drawn from {@link Rng} with a seed of its
 * own (one per layer, derived from the network seed), so a spec always gives the same parameters.
 *
 * <ul>
 *   <li>{@link Kind#HE_TRUNCATED_NORMAL}: N(0, 1) truncated to (−2, 2) (redrawn until inside), times
 *       sqrt(2 / fan_in) / 0.87962566103423978 — convolutions, and WRN's dense heads.
 *   <li>{@link Kind#GAUSSIAN}: N(0, std²) — PreActResNet's dense heads (std 0.01).
 * </ul>
 *
 * <p>Runs wherever the graph is initialised (driver or executor). Jackson-serialisable so that
 * {@code ModelSerializer} round trips keep it.
 */
public final class SeededWeightInit implements IWeightInit {
  /** Std of N(0,1) truncated to (−2, 2): the reference's rescaling constant. */
  static final double TRUNCATED_STD = 0.87962566103423978;

  public enum Kind {
    HE_TRUNCATED_NORMAL,
    GAUSSIAN
  }

  @JsonProperty("kind")
  private final Kind kind;

  @JsonProperty("std")
  private final double std;

  @JsonProperty("seed")
  private final long seed;

  @JsonCreator
  public SeededWeightInit(
      @JsonProperty("kind") Kind kind, @JsonProperty("std") double std, @JsonProperty("seed") long seed) {
    this.kind = kind;
    this.std = std;
    this.seed = seed;
  }

  public static SeededWeightInit heTruncatedNormal(long seed) {
    return new SeededWeightInit(Kind.HE_TRUNCATED_NORMAL, 0, seed);
  }

  public static SeededWeightInit gaussian(double std, long seed) {
    if (!(std > 0)) {
      throw new IllegalArgumentException("weight init std must be > 0, found " + std);
    }
    return new SeededWeightInit(Kind.GAUSSIAN, std, seed);
  }

  public Kind kind() {
    return kind;
  }

  public double std() {
    return std;
  }

  public long seed() {
    return seed;
  }

  /** The standard deviation of the scaling applied for a given fan-in. */
  double scale(double fanIn) {
    return kind == Kind.GAUSSIAN ? std : Math.sqrt(2 / fanIn) / TRUNCATED_STD;
  }

  @Override
  public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
    Normals normals = new Normals(new Rng(seed), kind == Kind.HE_TRUNCATED_NORMAL);
    double scale = scale(fanIn);
    int n = Math.toIntExact(paramView.length());
    INDArray values;
    if (paramView.dataType() == DataType.DOUBLE) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = normals.next() * scale;
      }
      values = Nd4j.createFromArray(v);
    } else {
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) (normals.next() * scale);
      }
      values = Nd4j.createFromArray(v).castTo(paramView.dataType());
    }
    paramView.assign(values.reshape(paramView.shape()));
    return paramView.reshape(order, shape);
  }

  /**
   * Standard normals from {@link Rng} uniforms by the polar method, keeping both values of each
   * accepted pair (twice as fast as one value per pair: large networks have ~10^8 weights); when
   * truncated, values outside (-2, 2) are dropped and redrawn.
   */
  private static final class Normals {
    private final Rng rng;
    private final boolean truncated;
    private double spare;
    private boolean hasSpare;

    Normals(Rng rng, boolean truncated) {
      this.rng = rng;
      this.truncated = truncated;
    }

    double next() {
      double x = raw();
      while (truncated && (x <= -2 || x >= 2)) {
        x = raw();
      }
      return x;
    }

    private double raw() {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      while (true) {
        double u = 2 * rng.nextDouble() - 1;
        double v = 2 * rng.nextDouble() - 1;
        double s = u * u + v * v;
        if (s > 0 && s < 1) {
          double f = Math.sqrt(-2 * Math.log(s) / s);
          spare = v * f;
          hasSpare = true;
          return u * f;
        }
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeededWeightInit s && s.kind == kind && s.std == std && s.seed == seed;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(kind, std, seed);
  }

  @Override
  public String toString() {
    return "SeededWeightInit(" + kind + ", std=" + std + ", seed=" + seed + ")";
  }
}
