package io.mixmo.worker.train;

import java.util.Arrays;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The reference's learning-rate schedule as a DL4J {@link ISchedule}, over iterations
 * (docs/mixmo.md §4.4 and §5):
 *
 * <pre>
 *   lr(i) = baseLr · min(1, (i + 1) / W) · gamma^#{m in milestones : m ≤ i}
 * </pre>
 *
 * with i the 0-based iteration (SGD step) and W = {@code warmupIterations} (no warm-up when 0). The
 * warm-up matches the reference's lr = base·k/W at warm-up step k = i + 1; a milestone m means the
 * step with iteration count m is the first to use the decayed rate (see
 * {@link TrainingHyperparameters#epochMilestonesToIterations}).
 *
 * <p>How DL4J 1.0.0-M2 calls it: the updater asks {@code valueAt(iteration, epoch)} at every step
 * with the graph's iteration count before that step's increment (StochasticGradientDescent →
 * BaseOptimizer.updateGradientAccordingToParams → updater.update(…, getIterationCount(model),
 * getEpochCount(model), …)). This schedule reads the iteration and ignores the epoch (DL4J's epoch
 * counter only moves in {@code fit(iterator)}, which local training does not use).
 *
 * <p>Immutable; serialised by DL4J's Jackson mapper inside the graph configuration JSON (class name
 * under "@class", fields below). Used on executors, built on the driver.
 */
public final class LrSchedule implements ISchedule {
  private static final long serialVersionUID = 1L;

  @JsonProperty("baseLr")
  private final double baseLr;
  @JsonProperty("warmupIterations")
  private final int warmupIterations;
  @JsonProperty("milestones")
  private final int[] milestones;
  @JsonProperty("gamma")
  private final double gamma;

  @JsonCreator
  public LrSchedule(@JsonProperty("baseLr") double baseLr,
                    @JsonProperty("warmupIterations") int warmupIterations,
                    @JsonProperty("milestones") int[] milestones,
                    @JsonProperty("gamma") double gamma) {
    if (!(baseLr > 0) || Double.isInfinite(baseLr)) {
      throw new IllegalArgumentException("lrSchedule.baseLr must be finite and > 0, found " + baseLr);
    }
    if (warmupIterations < 0) {
      throw new IllegalArgumentException("lrSchedule.warmupIterations must be >= 0, found " + warmupIterations);
    }
    if (!(gamma > 0) || Double.isInfinite(gamma)) {
      throw new IllegalArgumentException("lrSchedule.gamma must be finite and > 0, found " + gamma);
    }
    int[] m = milestones == null ? new int[0] : milestones.clone();
    for (int k = 0; k < m.length; k++) {
      if (m[k] < 0 || (k > 0 && m[k] <= m[k - 1])) {
        throw new IllegalArgumentException("lrSchedule.milestones must be >= 0 and strictly increasing, found "
            + Arrays.toString(m));
      }
    }
    this.baseLr = baseLr;
    this.warmupIterations = warmupIterations;
    this.milestones = m;
    this.gamma = gamma;
  }

  @Override
  public double valueAt(int iteration, int epoch) {
    double warm = iteration < warmupIterations ? (iteration + 1.0) / warmupIterations : 1.0;
    int passed = 0;
    while (passed < milestones.length && milestones[passed] <= iteration) {
      passed++;
    }
    return baseLr * warm * Math.pow(gamma, passed);
  }

  @Override
  public ISchedule clone() {
    return new LrSchedule(baseLr, warmupIterations, milestones, gamma);
  }

  public double baseLr() {
    return baseLr;
  }

  public int warmupIterations() {
    return warmupIterations;
  }

  public int[] milestones() {
    return milestones.clone();
  }

  public double gamma() {
    return gamma;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LrSchedule s && baseLr == s.baseLr && warmupIterations == s.warmupIterations
        && gamma == s.gamma && Arrays.equals(milestones, s.milestones);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Double.hashCode(baseLr) + warmupIterations) + Arrays.hashCode(milestones);
  }

  @Override
  public String toString() {
    return "LrSchedule[baseLr=" + baseLr + ", warmupIterations=" + warmupIterations + ", milestones="
        + Arrays.toString(milestones) + ", gamma=" + gamma + "]";
  }
}
