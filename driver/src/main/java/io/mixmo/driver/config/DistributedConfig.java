package io.mixmo.driver.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Parameter averaging: K workers (Spark partitions, one replica each), k local steps per round
 * between two averagings, and the run seed from which every random draw derives
 * ({@code Seeds.derive(seed, epoch, round, partition)}).
 */
public record DistributedConfig(int workers, int localSteps, long seed) {

  public DistributedConfig {
    Checks.atLeast("distributed.workers", workers, 1);
    Checks.atLeast("distributed.local-steps", localSteps, 1);
  }

  static DistributedConfig read(ConfigReader r) {
    return new DistributedConfig(r.integer("distributed.workers"), r.integer("distributed.local-steps"),
        r.longInteger("distributed.seed"));
  }

  void write(ObjectNode node) {
    node.put("workers", workers).put("local-steps", localSteps).put("seed", seed);
  }
}
