package io.mixmo.worker.engine.cpu;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;
import static org.bytedeco.dnnl.global.dnnl.dnnl_binary_add;
import static org.bytedeco.dnnl.global.dnnl.dnnl_binary_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_backward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_relu_use_dst_for_bwd;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_x;

import io.mixmo.worker.net.ops.Dnnl;
import io.mixmo.worker.net.ops.DnnlPrimitive;
import org.bytedeco.dnnl.dnnl_binary_desc_t;
import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;

/**
 * The element-wise operations of one buffer length as oneDNN primitives over the buffers seen as
 * flat vectors (element-wise, so any layout): ReLU forward, ReLU backward from its output
 * ({@code relu_use_dst_for_bwd}: dx = dy where y &gt; 0), the binary add (also in place, for
 * accumulate) and a copy (a reorder between identical layouts). Vectorised and parallel over the calling thread's OpenMP threads, as the
 * convolutions are. Made the first time a length is used (the first step of a plan) and kept by
 * {@link CpuBackend} (at most {@link KernelCache#KEPT} lengths). Executor side; not thread-safe.
 */
final class CpuElementwise implements KernelCache.Kernel {
  final long length;
  private final NativeResources owned = new NativeResources("the engine's element-wise kernels");
  private final DnnlPrimitive relu;
  private final DnnlPrimitive reluBackward;
  private final DnnlPrimitive add;
  private final Slot[] reluSlots;
  private final Slot[] reluBackwardSlots;
  private final Slot[] addSlots;
  private final DnnlPrimitive copy;
  private final Slot[] copySlots;

  CpuElementwise(long length) {
    this.length = length;
    String name = "engine element-wise (" + length + ")";
    dnnl_memory_desc_t flat = Dnnl.desc(new long[] {length}, dnnl_x);
    dnnl_eltwise_desc_t fd = new dnnl_eltwise_desc_t();
    Dnnl.check(dnnl_eltwise_forward_desc_init(fd, dnnl_forward_training, dnnl_eltwise_relu_use_dst_for_bwd, flat, 0f,
        0f), name + " relu descriptor");
    relu = owned.own(DnnlPrimitive.create(name + " relu", fd, null, DNNL_ARG_SRC, DNNL_ARG_DST));
    reluSlots = owned.slots(name + " relu", relu, flat, flat);
    dnnl_eltwise_desc_t bd = new dnnl_eltwise_desc_t();
    Dnnl.check(dnnl_eltwise_backward_desc_init(bd, dnnl_eltwise_relu_use_dst_for_bwd, flat, flat, 0f, 0f),
        name + " relu backward descriptor");
    reluBackward = owned.own(DnnlPrimitive.create(name + " relu backward", bd, relu, DNNL_ARG_DST, DNNL_ARG_DIFF_DST,
        DNNL_ARG_DIFF_SRC));
    reluBackwardSlots = owned.slots(name + " relu backward", reluBackward, flat, flat, flat);
    dnnl_binary_desc_t ad = new dnnl_binary_desc_t();
    Dnnl.check(dnnl_binary_desc_init(ad, dnnl_binary_add, flat, flat, flat), name + " add descriptor");
    add = owned.own(DnnlPrimitive.create(name + " add", ad, null, DNNL_ARG_SRC_0, DNNL_ARG_SRC_1, DNNL_ARG_DST));
    addSlots = owned.slots(name + " add", add, flat, flat, flat);
    copy = owned.own(DnnlPrimitive.reorder(name + " copy", flat, flat));
    copySlots = owned.slots(name + " copy", copy, flat, flat);
  }

  private static void run(DnnlPrimitive p, Slot[] slots, CpuBuf a, CpuBuf b) {
    slots[0].at(a);
    slots[1].at(b);
    p.execute();
  }

  private static void run(DnnlPrimitive p, Slot[] slots, CpuBuf a, CpuBuf b, CpuBuf c) {
    slots[0].at(a);
    slots[1].at(b);
    slots[2].at(c);
    p.execute();
  }

  /** y = max(x, 0). */
  void relu(CpuBuf x, CpuBuf y) {
    run(relu, reluSlots, x, y);
  }

  /** dx = dy where y &gt; 0, else 0. */
  void reluBackward(CpuBuf y, CpuBuf dy, CpuBuf dx) {
    run(reluBackward, reluBackwardSlots, y, dy, dx);
  }

  /** out = a + b ({@code out} may be {@code a}). */
  void add(CpuBuf a, CpuBuf b, CpuBuf out) {
    run(add, addSlots, a, b, out);
  }

  /** dst = src (a oneDNN reorder between identical layouts: a parallel copy). */
  void copy(CpuBuf src, CpuBuf dst) {
    run(copy, copySlots, src, dst);
  }

  /** oneDNN's implementation names, for the benchmark's log. */
  String implementations() {
    return "relu " + relu.implementation() + ", relu backward " + reluBackward.implementation() + ", add "
        + add.implementation() + ", copy " + copy.implementation();
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public void close() {
    owned.close();
  }
}
