package io.mixmo.worker.net;

import io.mixmo.worker.data.ImageShape;
import java.io.Serializable;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What a MixMo network is: backbone, its depth and width, the number of members M, the number of
 * classes, the input image shape, the seed of its initialisation and the data type. Validated at
 * construction; the same spec always builds the same network with the same initial parameters.
 *
 * <p>Rules: WRN depth d with (d − 4) % 6 == 0 and d ≥ 10; PreActResNet depth 18; SMALL depth in
 * [1, 6] (its number of core conv blocks). {@code members} ≥ 1 (1 gives a vanilla network for
 * baselines; MixMo needs ≥ 2). Data type FLOAT (training) or DOUBLE (gradient checks).
 */
public record NetworkSpec(
    Backbone backbone,
    int depth,
    int width,
    int members,
    int numClasses,
    ImageShape input,
    long seed,
    DataType dataType)
    implements Serializable {

  /** Default seed of the presets; callers that care pass their own via {@link #withSeed}. */
  public static final long DEFAULT_SEED = 42L;

  public NetworkSpec {
    Objects.requireNonNull(backbone, "network.backbone must be set, found null");
    Objects.requireNonNull(input, "network.input must be set, found null");
    Objects.requireNonNull(dataType, "network.dataType must be set, found null");
    requireAtLeast("network.width", width, 1);
    requireAtLeast("network.members", members, 1);
    requireAtLeast("network.numClasses", numClasses, 2);
    if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
      throw new IllegalArgumentException("network.dataType must be FLOAT or DOUBLE, found " + dataType);
    }
    validateDepth(backbone, depth);
    int minSide = switch (backbone) {
      case SMALL -> 4;
      case WRN -> 8;
      case PREACT_RESNET18 -> 16;
    };
    requireAtLeast("network.input.height", input.height(), minSide);
    requireAtLeast("network.input.width", input.width(), minSide);
  }

  /** WRN-depth-width for CIFAR-shaped 3×32×32 inputs, e.g. {@code wrn(28, 10, 2, 100)}. */
  public static NetworkSpec wrn(int depth, int width, int members, int numClasses) {
    return new NetworkSpec(Backbone.WRN, depth, width, members, numClasses,
        new ImageShape(3, 32, 32), DEFAULT_SEED, DataType.FLOAT);
  }

  /** PreActResNet-18-width for Tiny-ImageNet-shaped 3×64×64 inputs. */
  public static NetworkSpec preActResNet18(int width, int members, int numClasses) {
    return new NetworkSpec(Backbone.PREACT_RESNET18, 18, width, members, numClasses,
        new ImageShape(3, 64, 64), DEFAULT_SEED, DataType.FLOAT);
  }

  /** The small fast network (3 core conv blocks, width 1) for any input shape. */
  public static NetworkSpec small(int members, int numClasses, ImageShape shape) {
    return new NetworkSpec(Backbone.SMALL, 3, 1, members, numClasses, shape, DEFAULT_SEED, DataType.FLOAT);
  }

  public NetworkSpec withSeed(long newSeed) {
    return new NetworkSpec(backbone, depth, width, members, numClasses, input, newSeed, dataType);
  }

  public NetworkSpec withDataType(DataType newType) {
    return new NetworkSpec(backbone, depth, width, members, numClasses, input, seed, newType);
  }

  public NetworkSpec withInput(ImageShape newInput) {
    return new NetworkSpec(backbone, depth, width, members, numClasses, newInput, seed, dataType);
  }

  private static void validateDepth(Backbone backbone, int depth) {
    switch (backbone) {
      case WRN -> {
        if (depth < 10 || (depth - 4) % 6 != 0) {
          throw new IllegalArgumentException(
              "network.depth must be >= 10 with (depth - 4) % 6 == 0 for WRN, found " + depth);
        }
      }
      case PREACT_RESNET18 -> {
        if (depth != 18) {
          throw new IllegalArgumentException("network.depth must be 18 for PREACT_RESNET18, found " + depth);
        }
      }
      case SMALL -> {
        if (depth < 1 || depth > 6) {
          throw new IllegalArgumentException("network.depth must be in [1, 6] for SMALL, found " + depth);
        }
      }
    }
  }

  private static void requireAtLeast(String key, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(key + " must be >= " + min + ", found " + value);
    }
  }
}
