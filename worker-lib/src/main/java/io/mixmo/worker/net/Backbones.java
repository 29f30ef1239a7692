package io.mixmo.worker.net;

/**
 * The shared cores of the three backbones ({@code docs/mixmo.md} §1.3), added after the
 * mixing vertex. Each returns the name of the pooled feature vertex; the feature dimension is
 * {@link #featureDim(NetworkSpec)}.
 */
final class Backbones {
  private Backbones() {}

  /** Channels of the encoders' output (the mixed representation). */
  static int encoderChannels(NetworkSpec spec) {
    return spec.backbone() == Backbone.PREACT_RESNET18 ? 64 : 16;
  }

  /** Stride of the encoders: 2 for PreActResNet (Tiny ImageNet), 1 otherwise. */
  static int encoderStride(NetworkSpec spec) {
    return spec.backbone() == Backbone.PREACT_RESNET18 ? 2 : 1;
  }

  static int featureDim(NetworkSpec spec) {
    return switch (spec.backbone()) {
      case SMALL -> smallChannels(spec, spec.depth() - 1);
      case WRN -> 64 * spec.width();
      case PREACT_RESNET18 -> 512 * spec.width();
    };
  }

  static String core(GraphAssembler g, NetworkSpec spec, String mixed) {
    String x = switch (spec.backbone()) {
      case SMALL -> small(g, spec, mixed);
      case WRN -> wideResNet(g, spec, mixed);
      case PREACT_RESNET18 -> preActResNet18(g, spec, mixed);
    };
    return g.globalAveragePool("features", x);
  }

  private static int smallChannels(NetworkSpec spec, int block) {
    return (block == 0 ? 32 : 64) * spec.width();
  }

  /**
   * SMALL: depth × (BN-ReLU-conv3×3), channels 32w then 64w; each conv has stride 2 while the map
   * it produces keeps a side of at least 4 (32×32 → 16, 8, 4), else stride 1; then BN-ReLU.
   */
  private static String small(GraphAssembler g, NetworkSpec spec, String x) {
    int in = encoderChannels(spec);
    int[] hw = MixMoNetworks.featureMapSize(spec);
    int side = Math.min(hw[0], hw[1]);
    for (int b = 0; b < spec.depth(); b++) {
      int out = smallChannels(spec, b);
      int halved = (side - 1) / 2 + 1; // PyTorch/DL4J output side of a 3×3, stride-2, pad-1 conv
      int stride = halved >= 4 ? 2 : 1;
      side = stride == 2 ? halved : side;
      String a = g.bnRelu("b" + b + "_pre", x, in);
      x = g.conv("b" + b + "_conv", a, in, out, 3, stride, 1);
      in = out;
    }
    return g.bnRelu("final", x, in);
  }

  /** WRN-d-w: 3 stages of (d−4)/6 WideBasic blocks, widths 16w, 32w, 64w; final BN-ReLU (wrn.py). */
  private static String wideResNet(GraphAssembler g, NetworkSpec spec, String x) {
    int blocks = (spec.depth() - 4) / 6;
    int in = encoderChannels(spec);
    int[] widths = {16 * spec.width(), 32 * spec.width(), 64 * spec.width()};
    for (int s = 0; s < widths.length; s++) {
      for (int b = 0; b < blocks; b++) {
        int stride = s > 0 && b == 0 ? 2 : 1;
        x = wideBasic(g, "s" + s + "b" + b, x, in, widths[s], stride);
        in = widths[s];
      }
    }
    return g.bnRelu("final", x, in);
  }

  /**
   * Pre-activation WideBasic (wrn.py L20-51): conv1(ReLU(BN1(x))) → ReLU(BN2) → [pad (0,1,0,1) when
   * strided and widening] → conv2 with the stride (padding 1 if stride 1, else 0) → + shortcut,
   * a 1×1 strided conv on the raw x when the shape changes, else x.
   */
  private static String wideBasic(GraphAssembler g, String p, String x, int in, int out, int stride) {
    String a = g.bnRelu(p + "_1", x, in);
    String h = g.conv(p + "_conv1", a, in, out, 3, 1, 1);
    h = g.bnRelu(p + "_2", h, out);
    if (stride != 1 && in != out) {
      h = g.padBottomRight(p + "_pad", h);
    }
    h = g.conv(p + "_conv2", h, out, out, 3, stride, stride == 1 ? 1 : 0);
    String shortcut = stride != 1 || in != out ? g.conv(p + "_short", x, in, out, 1, stride, 0) : x;
    return g.add(p + "_add", h, shortcut);
  }

  /** PreActResNet-18-w: stages [2,2,2,2] of planes 64w…512w, strides 1,2,2,2; no final BN (resnet.py). */
  private static String preActResNet18(GraphAssembler g, NetworkSpec spec, String x) {
    int in = encoderChannels(spec);
    int[] planes = {64, 128, 256, 512};
    for (int s = 0; s < planes.length; s++) {
      for (int b = 0; b < 2; b++) {
        int out = planes[s] * spec.width();
        x = preActBlock(g, "s" + s + "b" + b, x, in, out, s > 0 && b == 0 ? 2 : 1);
        in = out;
      }
    }
    return x;
  }

  /**
   * PreActBlock (resnet.py L22-45): a = ReLU(BN1(x)); shortcut = 1×1 strided conv of a when the
   * shape changes, else x; out = conv3×3,s(a) → ReLU(BN2) → conv3×3,1; out + shortcut.
   */
  private static String preActBlock(GraphAssembler g, String p, String x, int in, int out, int stride) {
    String a = g.bnRelu(p + "_1", x, in);
    String shortcut = stride != 1 || in != out ? g.conv(p + "_short", a, in, out, 1, stride, 0) : x;
    String h = g.conv(p + "_conv1", a, in, out, 3, stride, 1);
    h = g.bnRelu(p + "_2", h, out);
    h = g.conv(p + "_conv2", h, out, out, 3, 1, 1);
    return g.add(p + "_add", h, shortcut);
  }
}
