package io.mixmo.driver.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The MixMo network: backbone, depth, width and the number of members M (docs/mixmo.md §1).
 * M = 1 is the vanilla single network (no mixing). The number of classes and the input shape come
 * from the dataset's manifest, not from here. The small backbone's layers are fixed: it has no depth
 * or width, so the record holds 0 for both and {@code config.yaml} leaves them out.
 */
public record NetworkConfig(Backbone backbone, int depth, int width, int members) {

  /** The shared core network. */
  public enum Backbone {
    /** A small fast network for tests and laptops (fixed layers: no depth or width). */
    SMALL,
    /** Wide ResNet WRN-depth-width, CIFAR (§1.3). */
    WRN,
    /** PreActResNet-18-width with a stride-2 encoder, Tiny ImageNet (§1.3). */
    PREACT_RESNET18
  }

  public NetworkConfig {
    Checks.notNull("network.backbone", backbone);
    Checks.atLeast("network.members", members, 1);
    if (backbone == Backbone.SMALL) {
      depth = 0;
      width = 0;
    } else {
      checkDepthAndWidth(backbone, depth, width);
    }
  }

  private static void checkDepthAndWidth(Backbone backbone, int depth, int width) {
    Checks.atLeast("network.depth", depth, 1);
    Checks.atLeast("network.width", width, 1);
    if (backbone == Backbone.WRN && (depth - 4) % 6 != 0) {
      throw new ConfigException("network.depth must satisfy (depth - 4) % 6 == 0 for backbone wrn, found "
          + depth);
    }
    if (backbone == Backbone.PREACT_RESNET18 && depth != 18) {
      throw new ConfigException("network.depth must be 18 for backbone preact-resnet18, found " + depth);
    }
  }

  static NetworkConfig read(ConfigReader r) {
    return new NetworkConfig(r.choice("network.backbone", Backbone.class), r.integer("network.depth"),
        r.integer("network.width"), r.integer("network.members"));
  }

  /** Whether the backbone has a depth and a width (keys written out only then). */
  public boolean hasDepthAndWidth() {
    return backbone != Backbone.SMALL;
  }

  void write(ObjectNode node) {
    node.put("backbone", ConfigReader.kebab(backbone));
    if (hasDepthAndWidth()) {
      node.put("depth", depth).put("width", width);
    }
    node.put("members", members);
  }
}
