package io.mixmo.worker.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The MixMo network of an {@link Architecture} as a list of operations over numbered tensors
 * (per-example shapes; the batch comes with the {@link Program}), in the order the DL4J graph is
 * assembled ({@code MixMoNetworks}, {@code Backbones}: same layer names, same blocks): M encoders,
 * the mixing block, the core, global average pooling, M dense heads with softmax cross-entropy.
 * Pure function of the architecture.
 */
final class Topology {
  /** A tensor [C, H, W] per example. */
  record Tensor(int id, String name, int channels, int height, int width) {}

  sealed interface Op permits Conv, Bn, Relu, Add, Mix, Pool {}

  /** Convolution of tensor {@code in} (−1 − m: member m's image) into {@code out}. */
  record Conv(String name, int in, int out, int kernel, int stride, int padTop, int padLeft, int padBottom,
      int padRight) implements Op {}

  record Bn(String name, int in, int out) implements Op {}

  record Relu(int in, int out) implements Op {}

  record Add(int a, int b, int out) implements Op {}

  /** z = Σ_m enc_m ⊙ M·mask_m. */
  record Mix(int[] encoded, int out) implements Op {}

  /** Global average pooling of {@code in} into the features [C]. */
  record Pool(int in) implements Op {}

  final Architecture arch;
  final List<Tensor> tensors = new ArrayList<>();
  final List<Op> ops = new ArrayList<>();
  final List<ParamLayout.Layer> layers = new ArrayList<>();
  int featureDim;

  private Topology(Architecture arch) {
    this.arch = arch;
  }

  static Topology of(Architecture a) {
    Topology t = new Topology(a);
    int[] hw = a.featureMapSize();
    int[] enc = new int[a.members()];
    for (int m = 0; m < a.members(); m++) {
      enc[m] = t.tensor("enc" + m, a.encoderChannels(), hw[0], hw[1]);
      t.ops.add(new Conv("enc" + m, -1 - m, enc[m], 3, a.encoderStride(), 1, 1, 1, 1));
      t.layers.add(ParamLayout.conv("enc" + m, (long) a.encoderChannels() * a.inChannels() * 9));
    }
    int mix = t.tensor("mix", a.encoderChannels(), hw[0], hw[1]);
    t.ops.add(new Mix(enc, mix));
    int x = switch (a.backbone()) {
      case SMALL -> t.small(mix);
      case WRN -> t.wideResNet(mix);
      case PREACT_RESNET18 -> t.preActResNet18(mix);
    };
    t.ops.add(new Pool(x));
    t.featureDim = t.tensors.get(x).channels();
    for (int m = 0; m < a.members(); m++) {
      t.layers.add(ParamLayout.dense("logits" + m, t.featureDim, a.numClasses()));
    }
    return t;
  }

  private int tensor(String name, int c, int h, int w) {
    tensors.add(new Tensor(tensors.size(), name, c, h, w));
    return tensors.size() - 1;
  }

  private Tensor t(int id) {
    return tensors.get(id);
  }

  private int conv(String name, int in, int nOut, int k, int stride, int padTop, int padLeft, int padBottom,
      int padRight) {
    Tensor x = t(in);
    int h = (x.height() + padTop + padBottom - k) / stride + 1;
    int w = (x.width() + padLeft + padRight - k) / stride + 1;
    int out = tensor(name, nOut, h, w);
    ops.add(new Conv(name, in, out, k, stride, padTop, padLeft, padBottom, padRight));
    layers.add(ParamLayout.conv(name, (long) nOut * x.channels() * k * k));
    return out;
  }

  private int conv(String name, int in, int nOut, int k, int stride, int pad) {
    return conv(name, in, nOut, k, stride, pad, pad, pad, pad);
  }

  private int bnRelu(String name, int in) {
    Tensor x = t(in);
    int bn = tensor(name + "_bn", x.channels(), x.height(), x.width());
    ops.add(new Bn(name + "_bn", in, bn));
    layers.add(ParamLayout.batchNorm(name + "_bn", x.channels()));
    int relu = tensor(name + "_relu", x.channels(), x.height(), x.width());
    ops.add(new Relu(bn, relu));
    return relu;
  }

  private int add(String name, int a, int b) {
    Tensor x = t(a);
    int out = tensor(name, x.channels(), x.height(), x.width());
    ops.add(new Add(a, b, out));
    return out;
  }

  /** SMALL (Backbones.small): depth × (BN-ReLU-conv3×3, 32w then 64w, stride 2 while the side stays ≥ 4), BN-ReLU. */
  private int small(int x) {
    int side = Math.min(t(x).height(), t(x).width());
    for (int b = 0; b < arch.depth(); b++) {
      int out = (b == 0 ? 32 : 64) * arch.width();
      int halved = (side - 1) / 2 + 1;
      int stride = halved >= 4 ? 2 : 1;
      side = stride == 2 ? halved : side;
      int a = bnRelu("b" + b + "_pre", x);
      x = conv("b" + b + "_conv", a, out, 3, stride, 1);
    }
    return bnRelu("final", x);
  }

  /** WRN-d-w (Backbones.wideResNet) with pre-activation WideBasic blocks, final BN-ReLU. */
  private int wideResNet(int x) {
    int blocks = (arch.depth() - 4) / 6;
    int[] widths = {16 * arch.width(), 32 * arch.width(), 64 * arch.width()};
    for (int s = 0; s < widths.length; s++) {
      for (int b = 0; b < blocks; b++) {
        x = wideBasic("s" + s + "b" + b, x, widths[s], s > 0 && b == 0 ? 2 : 1);
      }
    }
    return bnRelu("final", x);
  }

  /** WideBasic; the (0,1,0,1) pad before a strided widening conv2 is fused into it as asymmetric padding. */
  private int wideBasic(String p, int x, int out, int stride) {
    int in = t(x).channels();
    int a = bnRelu(p + "_1", x);
    int h = conv(p + "_conv1", a, out, 3, 1, 1);
    h = bnRelu(p + "_2", h);
    if (stride != 1 && in != out) {
      h = conv(p + "_conv2", h, out, 3, stride, 0, 0, 1, 1);
    } else {
      h = conv(p + "_conv2", h, out, 3, stride, stride == 1 ? 1 : 0);
    }
    int shortcut = stride != 1 || in != out ? conv(p + "_short", x, out, 1, stride, 0) : x;
    return add(p + "_add", h, shortcut);
  }

  /** PreActResNet-18-w (Backbones.preActResNet18): stages of planes 64w…512w, no final BN. */
  private int preActResNet18(int x) {
    int[] planes = {64, 128, 256, 512};
    for (int s = 0; s < planes.length; s++) {
      for (int b = 0; b < 2; b++) {
        x = preActBlock("s" + s + "b" + b, x, planes[s] * arch.width(), s > 0 && b == 0 ? 2 : 1);
      }
    }
    return x;
  }

  private int preActBlock(String p, int x, int out, int stride) {
    int in = t(x).channels();
    int a = bnRelu(p + "_1", x);
    int shortcut = stride != 1 || in != out ? conv(p + "_short", a, out, 1, stride, 0) : x;
    int h = conv(p + "_conv1", a, out, 3, stride, 1);
    h = bnRelu(p + "_2", h);
    h = conv(p + "_conv2", h, out, 3, 1, 1);
    return add(p + "_add", h, shortcut);
  }
}
