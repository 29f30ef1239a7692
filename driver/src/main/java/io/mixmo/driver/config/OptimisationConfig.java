package io.mixmo.driver.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * SGD and its schedule (docs/mixmo.md §4.4, §5): epochs, the batch of ONE worker (repetitions
 * included), the learning rate of one worker's batch and how it scales with K workers, Nesterov
 * momentum, linear warm-up, ×gamma at 1-indexed epoch milestones, the explicit L2 penalty
 * l2·Σ‖W‖² over all parameters and SGD weight decay. The learning rate during epoch e (1-indexed)
 * is lr·gamma^(number of milestones ≤ e) (§5); milestones after the last epoch never fire, so
 * shortening a preset with {@code --epochs} keeps it valid.
 *
 * <p>Learning-rate scaling with K workers ({@link #effectiveLr(int)}): {@code none} (the default)
 * gives every worker {@code lr}: with parameter averaging each replica takes steps of its own
 * batch; {@code linear} gives {@code lr · K}, linear in the total batch K·batch-size like the
 * paper's own rule (0.1 per 128 distinct images, §5; Goyal et al. 2017): with averaging after every
 * step, K workers then equal one process on the total batch at {@code lr · K}; {@code sqrt} gives
 * {@code lr · √K} (Krizhevsky 2014). The reference batch of {@code lr} is one worker's batch.
 */
public record OptimisationConfig(int epochs, int batchSize, double lr, LrScaling lrScaling,
    double momentum, boolean nesterov, double warmupEpochs, List<Integer> milestones, double gamma,
    double l2, double weightDecay) {

  /** How the learning rate scales with the number of workers K. */
  public enum LrScaling {
    /** lr · K: linear in the total batch K · batch-size. */
    LINEAR,
    /** lr · √K. */
    SQRT,
    /** lr for any K. */
    NONE
  }

  public OptimisationConfig {
    Checks.atLeast("optimisation.epochs", epochs, 1);
    Checks.atLeast("optimisation.batch-size", batchSize, 1);
    Checks.positive("optimisation.lr", lr);
    Checks.notNull("optimisation.lr-scaling", lrScaling);
    Checks.fraction("optimisation.momentum", momentum);
    Checks.atLeast("optimisation.warmup-epochs", warmupEpochs, 0.0);
    if (warmupEpochs > epochs) {
      throw new ConfigException("optimisation.warmup-epochs must be <= optimisation.epochs (" + epochs
          + "), found " + warmupEpochs);
    }
    milestones = Checks.increasingPositive("optimisation.milestones", milestones);
    if (!(gamma > 0 && gamma <= 1)) {
      throw new ConfigException("optimisation.gamma must be in (0, 1], found " + gamma);
    }
    Checks.atLeast("optimisation.l2", l2, 0.0);
    Checks.atLeast("optimisation.weight-decay", weightDecay, 0.0);
  }

  /** Valid settings that will not do what they seem to, one sentence each naming the key; empty when none. */
  public List<String> warnings() {
    List<Integer> late = milestones.stream().filter(m -> m > epochs).toList();
    if (late.isEmpty()) {
      return List.of();
    }
    return List.of("optimisation.milestones " + late + " come after the last epoch (optimisation.epochs = " + epochs
        + "): the learning rate is never multiplied by optimisation.gamma there");
  }

  /** The learning rate each worker uses with K workers (see the class comment). */
  public double effectiveLr(int workers) {
    return switch (lrScaling) {
      case LINEAR -> lr * workers;
      case SQRT -> lr * Math.sqrt(workers);
      case NONE -> lr;
    };
  }

  static OptimisationConfig read(ConfigReader r) {
    return new OptimisationConfig(r.integer("optimisation.epochs"), r.integer("optimisation.batch-size"),
        r.decimal("optimisation.lr"), r.choice("optimisation.lr-scaling", LrScaling.class),
        r.decimal("optimisation.momentum"), r.bool("optimisation.nesterov"),
        r.decimal("optimisation.warmup-epochs"), r.integers("optimisation.milestones"),
        r.decimal("optimisation.gamma"), r.decimal("optimisation.l2"), r.decimal("optimisation.weight-decay"));
  }

  void write(ObjectNode node) {
    node.put("epochs", epochs).put("batch-size", batchSize).put("lr", lr)
        .put("lr-scaling", ConfigReader.kebab(lrScaling)).put("momentum", momentum).put("nesterov", nesterov)
        .put("warmup-epochs", warmupEpochs);
    milestones.forEach(node.putArray("milestones")::add);
    node.put("gamma", gamma).put("l2", l2).put("weight-decay", weightDecay);
  }
}
