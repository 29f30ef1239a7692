package io.mixmo.worker.net.ops;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCRATCHPAD;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_get_size;
import static org.bytedeco.dnnl.global.dnnl.dnnl_post_ops_append_sum;
import static org.bytedeco.dnnl.global.dnnl.dnnl_post_ops_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_post_ops_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_attr_set_post_ops;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_impl_info_str;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_attr_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_attr_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_attr_set_scratchpad_mode;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_scratchpad_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_scratchpad_mode_user;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_execute;
import static org.bytedeco.dnnl.global.dnnl.dnnl_reorder_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_success;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.javacpp.Pointer;

/**
 * One oneDNN primitive (its descriptor and its compiled kernel) with a fixed list of argument
 * slots: callers {@link #bind} a {@link DnnlMemory} per slot once, point the memories at this call's
 * arrays, then {@link #execute}. Created once per layer and input shape (creation JIT-compiles the
 * kernel); executing is cheap and allocates nothing. Closed by the layer's {@link PlanCache} when
 * its shape is evicted. Not thread-safe: one graph per thread.
 */
public final class DnnlPrimitive implements AutoCloseable {
  private final String name;
  private final dnnl_primitive_desc pd;
  private final dnnl_primitive primitive;
  private final dnnl_exec_arg_t args;
  private final int[] slots;
  private final DnnlMemory scratchpad;
  private int bound;

  private DnnlPrimitive(String name, dnnl_primitive_desc pd, int[] slots) {
    this.name = name;
    this.pd = pd;
    this.primitive = new dnnl_primitive();
    Dnnl.check(dnnl_primitive_create(primitive, pd), name + " primitive creation");
    this.slots = slots.clone();
    dnnl_memory_desc_t scratch = dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0);
    boolean needsScratch = scratch != null && !scratch.isNull() && dnnl_memory_desc_get_size(scratch) > 0;
    this.scratchpad = needsScratch ? DnnlMemory.owned(name + " scratchpad", scratch) : null;
    this.args = new dnnl_exec_arg_t(slots.length + (needsScratch ? 1 : 0));
    if (needsScratch) {
      args.getPointer(slots.length).arg(DNNL_ARG_SCRATCHPAD).memory(scratchpad.handle());
    }
  }

  /**
   * Primitive attributes asking for a scratchpad owned by the primitive: oneDNN's default shared
   * scratchpad crashed (a null buffer) when graphs moved between Spark task threads that then ended
   * (reproduced with two thread pools; a user scratchpad per primitive removes the sharing).
   */
  private static dnnl_primitive_attr attributes(String name) {
    dnnl_primitive_attr attr = new dnnl_primitive_attr();
    Dnnl.check(dnnl_primitive_attr_create(attr), name + " attributes");
    Dnnl.check(dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user), name + " scratchpad mode");
    return attr;
  }

  /** A primitive for an operation descriptor (convolution, batch normalisation, pooling…). */
  public static DnnlPrimitive create(String name, Pointer opDesc, DnnlPrimitive hint, int... slots) {
    return create(name, opDesc, hint, false, slots);
  }

  /**
   * A primitive that adds its result to what its destination holds (oneDNN's sum post-op with
   * scale 1: dst = dst + op(…)) when {@code sumIntoDestination}, else as {@link #create(String,
   * Pointer, DnnlPrimitive, int...)}.
   */
  public static DnnlPrimitive create(String name, Pointer opDesc, DnnlPrimitive hint, boolean sumIntoDestination,
      int... slots) {
    dnnl_primitive_desc pd = new dnnl_primitive_desc();
    dnnl_primitive_attr attr = attributes(name);
    dnnl_post_ops ops = null;
    try {
      if (sumIntoDestination) {
        ops = new dnnl_post_ops();
        Dnnl.check(dnnl_post_ops_create(ops), name + " post-ops");
        Dnnl.check(dnnl_post_ops_append_sum(ops, 1f), name + " sum post-op");
        Dnnl.check(dnnl_primitive_attr_set_post_ops(attr, ops), name + " post-op attribute");
      }
      Dnnl.check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(opDesc), attr, Dnnl.engine(),
          hint == null ? null : hint.pd), name + " primitive descriptor");
    } finally {
      dnnl_primitive_attr_destroy(attr);
      if (ops != null) {
        dnnl_post_ops_destroy(ops);
      }
    }
    return new DnnlPrimitive(name, pd, slots);
  }

  /** A reorder (layout conversion) from {@code from} to {@code to}; slots FROM, TO. */
  public static DnnlPrimitive reorder(String name, dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
    dnnl_primitive_desc pd = new dnnl_primitive_desc();
    dnnl_primitive_attr attr = attributes(name);
    try {
      Dnnl.check(dnnl_reorder_primitive_desc_create(pd, from, Dnnl.engine(), to, Dnnl.engine(), attr),
          name + " reorder descriptor");
    } finally {
      dnnl_primitive_attr_destroy(attr);
    }
    return new DnnlPrimitive(name, pd, new int[] {org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM,
        org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO});
  }

  /** oneDNN's name of the implementation it chose (e.g. "jit:avx2", "ref:any"). */
  public String implementation() {
    org.bytedeco.javacpp.PointerPointer<?> out = new org.bytedeco.javacpp.PointerPointer<>(1);
    try {
      Dnnl.check(dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, out), name + " implementation query");
      return out.getString(0);
    } finally {
      out.close();
    }
  }

  /** The memory descriptor the primitive chose for a query ({@code dnnl_query_src_md}, …). */
  public dnnl_memory_desc_t desc(int query, int index) {
    return dnnl_primitive_desc_query_md(pd, query, index);
  }

  /** Binds {@code memory} to the next argument slot, in the order given at creation. */
  public DnnlPrimitive bind(DnnlMemory memory) {
    if (bound >= slots.length) {
      throw new IllegalStateException(name + ": all " + slots.length + " argument slots are bound");
    }
    args.getPointer(bound).arg(slots[bound]).memory(memory.handle());
    bound++;
    return this;
  }

  /** Releases the kernel and its descriptor. */
  @Override
  public void close() {
    dnnl_primitive_destroy(primitive);
    dnnl_primitive_desc_destroy(pd);
    if (scratchpad != null) {
      scratchpad.close();
    }
  }

  /** Runs the primitive on this thread's stream (synchronous on the CPU engine). */
  public void execute() {
    if (bound != slots.length) {
      throw new IllegalStateException(name + ": " + bound + " of " + slots.length + " arguments bound");
    }
    int status = dnnl_primitive_execute(primitive, Dnnl.stream(), slots.length + (scratchpad == null ? 0 : 1), args);
    if (status != dnnl_success) { // (the message is built only on failure: executing allocates nothing)
      Dnnl.check(status, name + " execution");
    }
  }
}
