package io.mixmo.worker.train;

import io.mixmo.worker.net.OptimizerConfig;
import java.io.Serializable;
import java.util.List;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The optimiser of local training, as the reference states it (docs/mixmo.md §3.2, §4.4, §5):
 * SGD with Nesterov momentum 0.9, a linear warm-up, step decay ×{@code gamma} at iteration
 * milestones, and an explicit penalty {@code l2 · Σ‖W‖²} over every parameter (3e-4 on CIFAR, no ½).
 *
 * <p>DL4J's {@code L2Regularization(λ)} adds {@code ½·λ·‖W‖²} to the score and {@code λ·W} to the
 * gradient, so the reference's coefficient maps to {@link #dl4jL2()} = 2·l2 (checked by a test that
 * compares scores with and without the penalty). DL4J has no heavy-ball SGD: momentum requires
 * Nesterov. Validated at construction; built on the driver from the run configuration.
 *
 * <p>Known difference from the reference's PyTorch SGD: DL4J's Nesterov keeps the learning rate
 * inside its velocity (v ← μv − lr·g; θ ← θ − μ·v_prev + (1 + μ)·v), PyTorch outside it
 * (b ← μb + g; θ ← θ − lr·(g + μb)). The two give identical steps at a constant rate; when the rate
 * changes (every warm-up step, each ×gamma decay) DL4J's velocity still carries the previous rates
 * for about 1/(1 − μ) = 10 steps.
 *
 * @param learningRate base learning rate (after warm-up, before decay), > 0
 * @param momentum Nesterov momentum in [0, 1)
 * @param nesterov true for Nesterov SGD; false only with momentum 0 (plain SGD)
 * @param warmupIterations linear warm-up length in iterations, >= 0
 * @param milestones iterations at which the rate is multiplied by gamma, strictly increasing
 * @param gamma decay factor, > 0
 * @param l2 the reference's coefficient of Σ‖W‖² (not DL4J's), >= 0
 */
public record TrainingHyperparameters(double learningRate, double momentum, boolean nesterov, int warmupIterations,
                                      List<Integer> milestones, double gamma, double l2) implements Serializable {
  /** The reference's CIFAR momentum, decay factor and L2 coefficient (§5). */
  public static final double REFERENCE_MOMENTUM = 0.9;
  public static final double REFERENCE_GAMMA = 0.1;
  public static final double REFERENCE_L2 = 3e-4;

  public TrainingHyperparameters {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("training.learningRate must be finite and > 0, found " + learningRate);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("training.momentum must be in [0, 1), found " + momentum);
    }
    if (!nesterov && momentum != 0) {
      throw new IllegalArgumentException("training.momentum must be 0 when training.nesterov is false "
          + "(DL4J has no heavy-ball momentum), found " + momentum);
    }
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("training.l2 must be finite and >= 0, found " + l2);
    }
    milestones = List.copyOf(milestones);
    schedule(learningRate, warmupIterations, milestones, gamma);
  }

  /** Reference defaults (momentum 0.9 Nesterov, gamma 0.1, l2 3e-4) with the given rate and timing. */
  public static TrainingHyperparameters reference(double learningRate, int warmupIterations, List<Integer> milestones) {
    return new TrainingHyperparameters(learningRate, REFERENCE_MOMENTUM, true, warmupIterations, milestones,
        REFERENCE_GAMMA, REFERENCE_L2);
  }

  /**
   * Converts the reference's epoch milestones (1-indexed: "LR during epoch e = base·0.1^#{milestones ≤ e}",
   * §5, e.g. 101, 201, 226) to iteration milestones for {@link LrSchedule}: epoch e starts at
   * iteration (e − 1)·stepsPerEpoch.
   */
  public static List<Integer> epochMilestonesToIterations(List<Integer> epochMilestones, long stepsPerEpoch) {
    if (stepsPerEpoch < 1) {
      throw new IllegalArgumentException("stepsPerEpoch must be >= 1, found " + stepsPerEpoch);
    }
    return epochMilestones.stream().map(e -> {
      long it = (e - 1L) * stepsPerEpoch;
      if (e < 1 || it > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("epoch milestone must be >= 1 and give an iteration <= "
            + Integer.MAX_VALUE + ", found " + e + " (× " + stepsPerEpoch + " steps per epoch)");
      }
      return (int) it;
    }).toList();
  }

  /** The learning-rate schedule (warm-up, then step decay over iterations). */
  public LrSchedule schedule() {
    return schedule(learningRate, warmupIterations, milestones, gamma);
  }

  /** DL4J updater: {@code Nesterovs(schedule, momentum)}, or {@code Sgd(schedule)} without Nesterov. */
  public IUpdater updater() {
    return nesterov ? new Nesterovs(schedule(), momentum) : new Sgd(schedule());
  }

  /** The coefficient to give DL4J's {@code L2Regularization}: 2·l2, since DL4J scores ½·λ·‖W‖². */
  public double dl4jL2() {
    return OptimizerConfig.dl4jL2For(l2);
  }

  /** What {@code MixMoNetworks.build} takes: {@link #updater()} and {@link #dl4jL2()}. */
  public OptimizerConfig toOptimizerConfig() {
    return new OptimizerConfig(updater(), dl4jL2());
  }

  private static LrSchedule schedule(double lr, int warmup, List<Integer> milestones, double gamma) {
    try {
      return new LrSchedule(lr, warmup, milestones.stream().mapToInt(Integer::intValue).toArray(), gamma);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replace("lrSchedule.", "training."), e);
    }
  }
}
