package io.mixmo.worker.net.ops;

import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core;
import static org.bytedeco.dnnl.global.dnnl.dnnl_engine_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_get_effective_cpu_isa;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_init_by_tag;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nChw16c;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nChw8c;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_default_flags;
import static org.bytedeco.dnnl.global.dnnl.dnnl_success;
import static org.bytedeco.dnnl.global.dnnl.dnnl_version;

import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.dnnl_version_t;

/**
 * The process's oneDNN (the JavaCPP {@code org.bytedeco:dnnl} build, called directly, not through
 * libnd4j): one CPU engine, one stream per thread, and the blocked activation layout the CPU
 * kernels keep between layers — {@code nChw16c} where the CPU has AVX-512, {@code nChw8c} otherwise
 * (what oneDNN's convolution kernels read and write natively, so no activation is reordered inside
 * the network's core).
 *
 * <p>Loaded on first use; if the native library cannot be loaded, {@link #available()} is false and
 * {@link #unavailableReason()} says why (the layers then run on libnd4j ops). Runs on whichever
 * thread calls it; oneDNN parallelises inside a primitive with the calling thread's OpenMP thread
 * count (see {@link ComputeThreads}).
 */
public final class Dnnl {
  private static final Object LOCK = new Object();
  private static volatile dnnl_engine engine;
  private static volatile String unavailable;
  private static int blockedTag;
  private static int block;
  private static String version;
  private static final ThreadLocal<dnnl_stream> STREAMS = ThreadLocal.withInitial(Dnnl::newStream);

  private Dnnl() {}

  /** Whether oneDNN could be loaded and a CPU engine created (loads it the first time). */
  public static boolean available() {
    init();
    return engine != null;
  }

  /** Why oneDNN is not available, or null when it is. */
  public static String unavailableReason() {
    init();
    return unavailable;
  }

  public static dnnl_engine engine() {
    if (!available()) {
      throw new IllegalStateException("oneDNN is not available: " + unavailable);
    }
    return engine;
  }

  /** This thread's stream (in-order, CPU). */
  public static dnnl_stream stream() {
    return STREAMS.get();
  }

  /** The blocked NCHW tag the kernels exchange activations in. */
  public static int blockedTag() {
    engine();
    return blockedTag;
  }

  /** Channels per block of {@link #blockedTag()} (16 or 8): activations need a multiple of it. */
  public static int blockSize() {
    engine();
    return block;
  }

  /** e.g. "oneDNN 2.5.2, nChw16c". */
  public static String describe() {
    return available() ? "oneDNN " + version + ", nChw" + block + "c" : "oneDNN unavailable (" + unavailable + ")";
  }

  /** A plain memory descriptor: f32, the given dims and format tag. */
  public static dnnl_memory_desc_t desc(long[] dims, int tag) {
    dnnl_memory_desc_t md = new dnnl_memory_desc_t();
    check(dnnl_memory_desc_init_by_tag(md, dims.length, dims, dnnl_f32, tag), "memory descriptor");
    return md;
  }

  /** Throws with the operation's name when oneDNN reports a failure. */
  public static void check(int status, String what) {
    if (status != dnnl_success) {
      throw new IllegalStateException("oneDNN " + what + " failed with status " + status);
    }
  }

  private static void init() {
    if (engine != null || unavailable != null) {
      return;
    }
    synchronized (LOCK) {
      if (engine != null || unavailable != null) {
        return;
      }
      try {
        dnnl_version_t v = dnnl_version();
        version = v.major() + "." + v.minor() + "." + v.patch();
        boolean avx512 = dnnl_get_effective_cpu_isa() >= dnnl_cpu_isa_avx512_core;
        blockedTag = avx512 ? dnnl_nChw16c : dnnl_nChw8c;
        block = avx512 ? 16 : 8;
        dnnl_engine e = new dnnl_engine();
        check(dnnl_engine_create(e, dnnl_cpu, 0), "CPU engine creation");
        engine = e;
      } catch (RuntimeException | LinkageError e) {
        unavailable = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    }
  }

  private static dnnl_stream newStream() {
    dnnl_stream s = new dnnl_stream();
    check(dnnl_stream_create(s, engine(), dnnl_stream_default_flags), "stream creation");
    return s;
  }
}
