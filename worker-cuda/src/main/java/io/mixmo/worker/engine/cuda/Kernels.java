package io.mixmo.worker.engine.cuda;

import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cuModuleUnload;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * The backend's own kernels ({@code kernels.cu}, a resource of this package), compiled once per
 * backend by NVRTC to machine code for the device's architecture ({@code --gpu-architecture=sm_XY}),
 * loaded with {@code cuModuleLoadData}, and launched on the backend's stream. Arguments go through one
 * native block allocated here once, so a launch allocates nothing. Executor side; not thread-safe.
 */
final class Kernels implements AutoCloseable {
  static final String SOURCE = "kernels.cu";
  static final int THREADS = 256;
  private static final int MAX_ARGS = 12;

  /** Every kernel of {@code kernels.cu}, by its extern "C" name. */
  enum K {
    fill_f, add_f, accumulate_f, relu_f, relu_backward_f, mix_f, mix_backward_f, gap_backward_f, running_average_f,
    inv_std_to_var_f, pad_f, crop_f, bias_add_f, softmax_xent_f, column_sum_f, nesterov_l2_f, sum_partials_f
  }

  private final CUmod_st module = new CUmod_st();
  private final Map<K, CUfunc_st> functions = new EnumMap<>(K.class);
  private final CUstream_st stream;
  private final BytePointer args = new BytePointer(8L * MAX_ARGS);
  private final PointerPointer<Pointer> params = new PointerPointer<>(MAX_ARGS);
  private int argc;

  /** Compiles {@code kernels.cu} for compute capability {@code major.minor} and loads it into the current context. */
  Kernels(int major, int minor, CUstream_st stream) {
    this.stream = stream;
    byte[] cubin = compile(source(), major * 10 + minor);
    BytePointer image = new BytePointer(cubin);
    Cuda.drv(cuModuleLoadData(module, image), "cuModuleLoadData(" + SOURCE + ", sm_" + (major * 10 + minor) + ")");
    image.close();
    for (K k : K.values()) {
      CUfunc_st f = new CUfunc_st();
      Cuda.drv(cuModuleGetFunction(f, module, k.name()), "cuModuleGetFunction(" + k + ")");
      functions.put(k, f);
    }
    for (int i = 0; i < MAX_ARGS; i++) {
      params.put(i, new DevicePtr(args.address() + 8L * i, 2));
    }
  }

  /** The kernel source (UTF-8, bounded: it is our own resource). */
  static String source() {
    try (InputStream in = Kernels.class.getResourceAsStream(SOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SOURCE + " is missing from the worker-cuda jar");
      }
      return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + SOURCE + ": " + e.getMessage(), e);
    }
  }

  /** NVRTC options: machine code for exactly this architecture, fp32 IEEE division and square root. */
  static List<String> options(int arch) {
    return List.of("--gpu-architecture=sm_" + arch, "--std=c++17", "--prec-div=true", "--prec-sqrt=true");
  }

  /** Compiles {@code source} to a cubin for sm_{@code arch}; the NVRTC log is in the error. */
  static byte[] compile(String source, int arch) {
    _nvrtcProgram prog = new _nvrtcProgram();
    Cuda.rtc(nvrtcCreateProgram(prog, new BytePointer(source), new BytePointer(SOURCE), 0, (PointerPointer<?>) null,
        (PointerPointer<?>) null), "nvrtcCreateProgram");
    try {
      List<String> opts = options(arch);
      PointerPointer<BytePointer> o = new PointerPointer<>(opts.size());
      for (int i = 0; i < opts.size(); i++) {
        o.put(i, new BytePointer(opts.get(i)));
      }
      int status = nvrtcCompileProgram(prog, opts.size(), o);
      if (status != 0) {
        throw new CudaException("NVRTC could not compile " + SOURCE + " for sm_" + arch + ": " + log(prog));
      }
      SizeTPointer size = new SizeTPointer(1);
      Cuda.rtc(nvrtcGetCUBINSize(prog, size), "nvrtcGetCUBINSize");
      byte[] cubin = new byte[Math.toIntExact(size.get())];
      Cuda.rtc(nvrtcGetCUBIN(prog, cubin), "nvrtcGetCUBIN");
      return cubin;
    } finally {
      nvrtcDestroyProgram(prog);
    }
  }

  private static String log(_nvrtcProgram prog) {
    SizeTPointer size = new SizeTPointer(1);
    nvrtcGetProgramLogSize(prog, size);
    byte[] text = new byte[(int) Math.min(size.get(), 1 << 16)];
    nvrtcGetProgramLog(prog, text);
    return new String(text, StandardCharsets.UTF_8).trim();
  }

  /** Starts a launch: arguments follow with {@link #ptr}, {@link #i32}, {@link #i64}, {@link #f32}. */
  Kernels args() {
    argc = 0;
    return this;
  }

  Kernels ptr(DeviceBuf b) {
    args.putLong(8L * argc++, b.address);
    return this;
  }

  Kernels ptr(long address) {
    args.putLong(8L * argc++, address);
    return this;
  }

  Kernels i32(int v) {
    args.putInt(8L * argc++, v);
    return this;
  }

  Kernels i64(long v) {
    args.putLong(8L * argc++, v);
    return this;
  }

  Kernels f32(float v) {
    args.putFloat(8L * argc++, v);
    return this;
  }

  /** Launches {@code k} with the arguments given since {@link #args()} on {@code blocks} × {@link #THREADS}. */
  void launch(K k, int blocks) {
    Cuda.drv(cuLaunchKernel(functions.get(k), blocks, 1, 1, THREADS, 1, 1, 0, stream, params, null),
        "cuLaunchKernel(" + k + ")");
  }

  /** A grid-stride launch over n elements. */
  void launchOver(K k, long n) {
    launch(k, Cuda.blocks(n, THREADS));
  }

  @Override
  public void close() {
    cuModuleUnload(module);
    args.close();
    params.close();
  }
}
