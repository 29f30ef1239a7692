package io.mixmo.worker.engine.cpu;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;
import static org.bytedeco.dnnl.global.dnnl.dnnl_binary_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_binary_mul;
import static org.bytedeco.dnnl.global.dnnl.dnnl_abc;

import io.mixmo.worker.engine.ActShape;
import io.mixmo.worker.net.ops.Dnnl;
import io.mixmo.worker.net.ops.DnnlPrimitive;
import org.bytedeco.dnnl.dnnl_binary_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;

/**
 * The mixing block for one activation shape as oneDNN binary multiplications (all JIT kernels; a
 * mask broadcast over the channels of a blocked tensor would run oneDNN's slow reference kernel):
 * first the member's mask times M into a mask expanded over one channel block, [batch, h·w,
 * block] (a binary multiply of a buffer filled with M by the mask [batch, h·w, 1]; the float
 * product M·μ, as the DL4J vertex computes it), then the blocked activation, seen as [batch,
 * channels / block, h·w·block], times that mask broadcast over the channel blocks, written
 * (the first member) or added to the destination (the others: oneDNN's sum post-op). The backward
 * reuses the forward's scaled masks. Made on first use and kept by {@link CpuBackend} (at most
 * {@link KernelCache#KEPT} shapes). Executor side; not thread-safe.
 */
final class CpuMixing implements KernelCache.Kernel {
  final ActShape shape;
  private final NativeResources owned = new NativeResources("the engine's mixing kernels");
  private final DnnlPrimitive expand;
  private final DnnlPrimitive multiply;
  private final DnnlPrimitive multiplyAdd;
  private final Slot[] expandSlots;
  private final Slot[] multiplySlots;
  private final Slot[] multiplyAddSlots;
  private final CpuBuf factor;
  private final CpuBuf expanded;
  private float filledWith;
  /** Scaled masks per member from the last forward, the mask address and M each was made from. */
  private final java.util.List<CpuBuf> memberMasks = new java.util.ArrayList<>();
  private final long[] scaledFrom = new long[MAX_MEMBERS];
  private final int[] scaledFor = new int[MAX_MEMBERS];
  private static final int MAX_MEMBERS = 16;

  CpuMixing(ActShape s, int block) {
    this.shape = s;
    String name = "engine mixing " + s;
    long hw = (long) s.height() * s.width();
    dnnl_memory_desc_t ones = Dnnl.desc(new long[] {s.batch(), hw, block}, dnnl_abc);
    dnnl_memory_desc_t mask = Dnnl.desc(new long[] {s.batch(), hw, 1}, dnnl_abc);
    dnnl_binary_desc_t e = new dnnl_binary_desc_t();
    Dnnl.check(dnnl_binary_desc_init(e, dnnl_binary_mul, ones, mask, ones), name + " mask descriptor");
    expand = owned.own(DnnlPrimitive.create(name + " mask", e, null, DNNL_ARG_SRC_0, DNNL_ARG_SRC_1, DNNL_ARG_DST));
    expandSlots = owned.slots(name + " mask", expand, ones, mask, ones);
    dnnl_memory_desc_t act = Dnnl.desc(new long[] {s.batch(), s.channels() / block, hw * block}, dnnl_abc);
    dnnl_memory_desc_t wide = Dnnl.desc(new long[] {s.batch(), 1, hw * block}, dnnl_abc);
    dnnl_binary_desc_t d = new dnnl_binary_desc_t();
    Dnnl.check(dnnl_binary_desc_init(d, dnnl_binary_mul, act, wide, act), name + " descriptor");
    multiply = owned.own(DnnlPrimitive.create(name + " multiply", d, null, DNNL_ARG_SRC_0, DNNL_ARG_SRC_1, DNNL_ARG_DST));
    multiplySlots = owned.slots(name + " multiply", multiply, act, wide, act);
    multiplyAdd = owned.own(DnnlPrimitive.create(name + " multiply-add", d, null, true, DNNL_ARG_SRC_0, DNNL_ARG_SRC_1,
        DNNL_ARG_DST));
    multiplyAddSlots = owned.slots(name + " multiply-add", multiplyAdd, act, wide, act);
    long wideSize = s.batch() * hw * block;
    factor = CpuBuf.allocate(wideSize, name + " factor");
    owned.own(factor.owner);
    expanded = CpuBuf.allocate(wideSize, name + " scaled mask");
    owned.own(expanded.owner);
  }

  /** The scaled mask M·μ (float), expanded over one channel block, into {@code into}. */
  private void scale(CpuBuf mask, int members, CpuBuf into) {
    if (mask.length != (long) shape.batch() * shape.height() * shape.width()) {
      throw new IllegalArgumentException("mixing mask of " + mask.length + " floats for " + shape);
    }
    if (filledWith != members) {
      for (int i = 0; i < factor.length; i++) {
        factor.data.put(i, members);
      }
      filledWith = members;
    }
    expandSlots[0].at(factor);
    expandSlots[1].at(mask);
    expandSlots[2].at(into);
    expand.execute();
  }

  /** z = Σ_m l_m ⊙ (M·μ_m); keeps each member's scaled mask for {@link #backward}. */
  void forward(CpuBuf[] l, CpuBuf[] masks, CpuBuf z) {
    int members = l.length;
    while (memberMasks.size() < members) {
      CpuBuf b = CpuBuf.allocate(expanded.length, "engine mixing " + shape + " scaled mask " + memberMasks.size());
      owned.own(b.owner);
      memberMasks.add(b);
    }
    for (int m = 0; m < members; m++) {
      CpuBuf wide = memberMasks.get(m);
      scale(masks[m], members, wide);
      scaledFrom[m] = masks[m].address;
      scaledFor[m] = members;
      Slot[] slots = m == 0 ? multiplySlots : multiplyAddSlots;
      slots[0].at(l[m]);
      slots[1].at(wide);
      slots[2].at(z);
      (m == 0 ? multiply : multiplyAdd).execute();
    }
    for (int m = members; m < scaledFrom.length; m++) {
      scaledFrom[m] = 0;
    }
  }

  /**
   * dl = dz ⊙ (M·μ), reusing the scaled mask the last {@link #forward} made from the same mask
   * buffer (the caller does not change a mask between a mix and its backward), else scaling it anew.
   */
  void backward(CpuBuf dz, CpuBuf mask, int members, CpuBuf dl) {
    CpuBuf wide = null;
    for (int m = 0; m < memberMasks.size() && m < scaledFrom.length; m++) {
      if (scaledFrom[m] == mask.address && scaledFor[m] == members) {
        wide = memberMasks.get(m);
        break;
      }
    }
    if (wide == null) {
      scale(mask, members, expanded);
      wide = expanded;
    }
    multiplySlots[0].at(dz);
    multiplySlots[1].at(wide);
    multiplySlots[2].at(dl);
    multiply.execute();
  }

  /** oneDNN's implementation names, for the log. */
  String implementations() {
    return "mask " + expand.implementation() + ", multiply " + multiply.implementation() + ", multiply-add "
        + multiplyAdd.implementation();
  }

  @Override
  public ActShape shape() {
    return shape;
  }

  @Override
  public void close() {
    owned.close();
  }
}
