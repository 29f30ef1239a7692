package io.mixmo.worker.engine.cuda;

import static org.bytedeco.cuda.global.cublas.*;
import static org.bytedeco.cuda.global.cudart.*;
import static org.bytedeco.cuda.global.cudnn.*;

import io.mixmo.worker.engine.ActShape;
import io.mixmo.worker.engine.Backend;
import io.mixmo.worker.engine.BatchNormKernel;
import io.mixmo.worker.engine.Buf;
import io.mixmo.worker.engine.ConvGeometry;
import io.mixmo.worker.engine.ConvKernel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.cudnn.cudnnContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The engine's {@link Backend} on one NVIDIA GPU (package {@code io.mixmo.worker.engine.cuda} says
 * which library does what). Everything lives on one CUDA stream of the device; calls return once the
 * work is queued, except those that hand data back (downloads, the loss, the update's Σθ²), which
 * wait for the stream. Host↔device copies go through one pinned staging block, in pieces.
 *
 * <p>Memory: {@link #allocate} (while planning) is cudaMalloc + zero; the cuDNN workspace is shared by
 * all convolutions and grown while planning; the update's chunk table is built at the first update
 * of an engine (its segments never change: {@link CudaUpdate}); pooling descriptors at the first
 * pooling of a shape ({@link CudaPooling}). Executor side, on the thread that created it (the CUDA
 * device binder made the device current there); not thread-safe. Never run on a GPU here.
 */
// cuDNN 9 marks its legacy (descriptor) API deprecated in favour of the graph API; it is still
// shipped and supported in 9.x, and is what this backend uses (docs/gpu.md, "What comes next").
@SuppressWarnings("deprecation")
public final class CudaBackend implements Backend {
  static final long STAGING_FLOATS = 1L << 20;
  static final int SCALARS = 64;
  private final CudaOptions options;
  private final String device;
  private final CUstream_st stream = new CUstream_st();
  private final cublasContext cublas = new cublasContext();
  private final cudnnContext cudnn = new cudnnContext();
  private final Kernels kernels;
  private final CudaHeads heads;
  private final FloatPointer one = new FloatPointer(1f);
  private final FloatPointer zero = new FloatPointer(0f);
  /** Live allocations: device address → bytes. */
  private final Map<Long, Long> allocations = new LinkedHashMap<>();
  private final FloatPointer staging;
  private final DoublePointer hostScalars = new DoublePointer(SCALARS);
  private final DeviceBuf scalars;
  private long bytes;
  private DeviceBuf workspace;
  private final CudaPooling pooling;
  private final CudaUpdate update;

  /**
   * Opens device {@code options.device()} on the calling thread: CUDA context, stream, cuBLAS and
   * cuDNN handles, and the kernels compiled by NVRTC for its architecture.
   *
   * @throws CudaException naming what failed; when JavaCPP cannot load the CUDA bindings or NVIDIA's
   *     libraries, the message says so and points at the GPU preflight
   */
  public CudaBackend(CudaOptions options) {
    this.options = options;
    try {
      Cuda.rt(cudaSetDevice(options.device()), "cudaSetDevice(" + options.device() + ")");
    } catch (LinkageError e) { // UnsatisfiedLinkError, or NoClassDefFoundError once the bindings failed to load
      throw new CudaException("cannot load JavaCPP's CUDA 13 bindings or NVIDIA's libraries (" + e
          + "; the bindings need the NVIDIA driver's libcuda.so.1 and CUDA 13's libcudart.so.13, libcublas.so.13,"
          + " libnvrtc.so.13 and cuDNN 9): run the GPU preflight (mixmo gpu-smoke, or bench/gpu-check on a GPU"
          + " machine) to see which library is missing", e);
    }
    Cuda.rt(cudaFree(null), "cudaFree(null): creating the device's primary context");
    cudaDeviceProp p = new cudaDeviceProp();
    Cuda.rt(cudaGetDeviceProperties(p, options.device()), "cudaGetDeviceProperties");
    int major = p.major();
    int minor = p.minor();
    Cuda.rt(cudaStreamCreate(stream), "cudaStreamCreate");
    Cuda.blas(cublasCreate_v2(cublas), "cublasCreate");
    Cuda.blas(cublasSetStream_v2(cublas, stream), "cublasSetStream");
    Cuda.blas(cublasSetMathMode(cublas, options.tf32() ? CUBLAS_TF32_TENSOR_OP_MATH : CUBLAS_DEFAULT_MATH),
        "cublasSetMathMode");
    Cuda.dnn(cudnnCreate(cudnn), "cudnnCreate");
    Cuda.dnn(cudnnSetStream(cudnn, stream), "cudnnSetStream");
    kernels = new Kernels(major, minor, stream);
    heads = new CudaHeads(this);
    pooling = new CudaPooling(this);
    update = new CudaUpdate(this);
    Pointer pinned = new Pointer();
    Cuda.rt(cudaMallocHost(pinned, 4 * STAGING_FLOATS), "cudaMallocHost(staging)");
    staging = new FloatPointer(pinned).capacity(STAGING_FLOATS).limit(STAGING_FLOATS);
    bytes += 4 * STAGING_FLOATS;
    scalars = device(2L * SCALARS, "scalars");
    device = "GPU " + options.device() + ": " + p.name().getString() + ", sm_" + major + minor + ", cuDNN "
        + cudnnGetVersion();
  }

  @Override
  public String describe() {
    return "cuda (" + device + ", NCHW fp32, TF32 " + (options.tf32() ? "on" : "off")
        + (options.deterministic() ? ", deterministic" : "") + ")";
  }

  CudaOptions options() {
    return options;
  }

  CUstream_st stream() {
    return stream;
  }

  cublasContext cublas() {
    return cublas;
  }

  cudnnContext cudnn() {
    return cudnn;
  }

  Kernels kernels() {
    return kernels;
  }

  FloatPointer one() {
    return one;
  }

  FloatPointer zero() {
    return zero;
  }

  /** Device memory of {@code floats} elements, zero-filled, freed with the backend. */
  DeviceBuf device(long floats, String name) {
    Pointer p = new Pointer();
    long size = 4 * Math.max(1, floats);
    Cuda.rt(cudaMalloc(p, size), "cudaMalloc(" + name + ", " + size + " bytes)");
    allocations.put(p.address(), size);
    bytes += size;
    DeviceBuf b = new DeviceBuf(p.address(), floats, name);
    Cuda.rt(cudaMemsetAsync(b.ptr, 0, size, stream), "cudaMemset(" + name + ")");
    return b;
  }

  /** Grows the shared cuDNN workspace to at least {@code size} bytes (while planning). */
  void requireWorkspace(long size) {
    if (workspace == null || 4 * workspace.length < size) {
      if (workspace != null) {
        free(workspace);
      }
      workspace = device((size + 3) / 4, "cuDNN workspace");
    }
  }

  Pointer workspace() {
    return workspace == null ? null : workspace.ptr;
  }

  long workspaceBytes() {
    return workspace == null ? 0 : 4 * workspace.length;
  }

  /** The device address of scalar slot {@code i} (a double). */
  long scalar(int i) {
    if (i < 0 || i >= SCALARS) {
      throw new IllegalArgumentException("scalar slot " + i + " outside [0, " + SCALARS + ")");
    }
    return scalars.address + 8L * i;
  }

  /** Waits for the stream and reads scalar slots [0, n). */
  double[] readScalars(int n) {
    Cuda.rt(cudaMemcpyAsync(hostScalars, scalars.ptr, 8L * n, cudaMemcpyDeviceToHost, stream), "scalars download");
    Cuda.rt(cudaStreamSynchronize(stream), "cudaStreamSynchronize");
    double[] out = new double[n];
    hostScalars.get(out, 0, n);
    return out;
  }

  @Override
  public Buf allocate(long floats, String name) {
    return device(floats, name);
  }

  /** Waits for the stream (queued work may still read the buffer), then cudaFree; planning time only. */
  @Override
  public void free(Buf b) {
    DeviceBuf d = DeviceBuf.of(b);
    Long size = allocations.get(d.address);
    if (size == null || 4 * Math.max(1, d.length) != size) {
      throw new IllegalArgumentException("CUDA buffer to free was not allocated by this backend (or is a slice): " + d);
    }
    Cuda.rt(cudaStreamSynchronize(stream), "cudaStreamSynchronize");
    Cuda.rt(cudaFree(d.ptr), "cudaFree(" + d.name + ")");
    allocations.remove(d.address);
    bytes -= size;
  }

  @Override
  public Buf slice(Buf parent, long offset, long length) {
    DeviceBuf p = DeviceBuf.of(parent);
    if (offset < 0 || length < 0 || offset + length > p.length) {
      throw new IllegalArgumentException("slice [" + offset + ", " + (offset + length) + ") outside " + p);
    }
    return new DeviceBuf(p.address + 4 * offset, length, p.name + "[" + offset + "..]");
  }

  @Override
  public void upload(float[] src, int srcOffset, Buf dst) {
    DeviceBuf d = DeviceBuf.of(dst);
    for (long done = 0; done < d.length; done += STAGING_FLOATS) {
      int n = (int) Math.min(STAGING_FLOATS, d.length - done);
      staging.position(0).put(src, srcOffset + (int) done, n);
      Cuda.rt(cudaMemcpyAsync(d.at(done), staging, 4L * n, cudaMemcpyHostToDevice, stream), "upload to " + d.name);
      Cuda.rt(cudaStreamSynchronize(stream), "cudaStreamSynchronize");
    }
  }

  @Override
  public void download(Buf src, float[] dst, int dstOffset) {
    DeviceBuf s = DeviceBuf.of(src);
    for (long done = 0; done < s.length; done += STAGING_FLOATS) {
      int n = (int) Math.min(STAGING_FLOATS, s.length - done);
      Cuda.rt(cudaMemcpyAsync(staging.position(0), s.at(done), 4L * n, cudaMemcpyDeviceToHost, stream),
          "download from " + s.name);
      Cuda.rt(cudaStreamSynchronize(stream), "cudaStreamSynchronize");
      staging.position(0).get(dst, dstOffset + (int) done, n);
    }
  }

  @Override
  public void fill(Buf b, float value) {
    DeviceBuf d = DeviceBuf.of(b);
    kernels.args().ptr(d).f32(value).i64(d.length).launchOver(Kernels.K.fill_f, d.length);
  }

  @Override
  public long bytesAllocated() {
    return bytes;
  }

  @Override
  public ConvKernel convolution(ConvGeometry geometry) {
    return new CudnnConvolution(this, geometry);
  }

  @Override
  public BatchNormKernel batchNorm(String name, ActShape shape, float eps) {
    return new CudnnBatchNorm(this, name, shape, eps);
  }

  @Override
  public void relu(Buf x, Buf y) {
    DeviceBuf out = DeviceBuf.of(y);
    kernels.args().ptr(DeviceBuf.of(x)).ptr(out).i64(out.length).launchOver(Kernels.K.relu_f, out.length);
  }

  @Override
  public void reluBackward(Buf y, Buf dy, Buf dx) {
    DeviceBuf out = DeviceBuf.of(dx);
    kernels.args().ptr(DeviceBuf.of(y)).ptr(DeviceBuf.of(dy)).ptr(out).i64(out.length)
        .launchOver(Kernels.K.relu_backward_f, out.length);
  }

  @Override
  public void add(Buf a, Buf b, Buf out) {
    DeviceBuf o = DeviceBuf.of(out);
    kernels.args().ptr(DeviceBuf.of(a)).ptr(DeviceBuf.of(b)).ptr(o).i64(o.length).launchOver(Kernels.K.add_f, o.length);
  }

  @Override
  public void accumulate(Buf src, Buf dst) {
    DeviceBuf d = DeviceBuf.of(dst);
    kernels.args().ptr(DeviceBuf.of(src)).ptr(d).i64(d.length).launchOver(Kernels.K.accumulate_f, d.length);
  }

  @Override
  public void copy(Buf src, Buf dst) {
    DeviceBuf d = DeviceBuf.of(dst);
    Cuda.rt(cudaMemcpyAsync(d.ptr, DeviceBuf.of(src).ptr, 4 * d.length, cudaMemcpyDeviceToDevice, stream),
        "copy into " + d.name);
  }

  @Override
  public void mix(Buf[] encoded, Buf[] masks, ActShape shape, Buf z) {
    DeviceBuf out = DeviceBuf.of(z);
    int hw = shape.height() * shape.width();
    long chw = (long) shape.channels() * hw;
    for (int m = 0; m < encoded.length; m++) {
      kernels.args().ptr(DeviceBuf.of(encoded[m])).ptr(DeviceBuf.of(masks[m])).ptr(out).f32(encoded.length).i32(hw)
          .i64(chw).i64(out.length).i32(m == 0 ? 0 : 1).launchOver(Kernels.K.mix_f, out.length);
    }
  }

  @Override
  public void mixBackward(Buf dz, Buf mask, int members, ActShape shape, Buf dl) {
    DeviceBuf out = DeviceBuf.of(dl);
    int hw = shape.height() * shape.width();
    kernels.args().ptr(DeviceBuf.of(dz)).ptr(DeviceBuf.of(mask)).ptr(out).f32(members).i32(hw)
        .i64((long) shape.channels() * hw).i64(out.length).launchOver(Kernels.K.mix_backward_f, out.length);
  }

  /** cuDNN average pooling over the whole h×w plane ({@link CudaPooling}). */
  @Override
  public void globalAveragePool(Buf x, ActShape shape, Buf features) {
    pooling.forward(x, shape, features);
  }

  @Override
  public void globalAveragePoolBackward(Buf dFeatures, ActShape shape, Buf dx) {
    DeviceBuf out = DeviceBuf.of(dx);
    int hw = shape.height() * shape.width();
    kernels.args().ptr(DeviceBuf.of(dFeatures)).ptr(out).i32(hw).f32(1.0f / hw).i64(out.length)
        .launchOver(Kernels.K.gap_backward_f, out.length);
  }

  @Override
  public double headsForwardBackward(Buf features, int batch, int nIn, int nOut, Buf[] weights, Buf[] biases,
      Buf[] labels, Buf[] exampleWeights, Buf[] dWeights, Buf[] dBiases, Buf dFeatures, Buf scratchLogits) {
    return heads.forwardBackward(features, batch, nIn, nOut, weights, biases, labels, exampleWeights, dWeights, dBiases,
        dFeatures, scratchLogits);
  }

  @Override
  public void headsForward(Buf features, int batch, int nIn, int nOut, Buf[] weights, Buf[] biases, Buf[] logits) {
    heads.forward(features, batch, nIn, nOut, weights, biases, logits);
  }

  @Override
  public double nesterovL2(Buf params, Buf grads, Buf momentum, int[] segments, float batch, float l2, float lr,
      float momentumCoefficient) {
    return update.nesterovL2(params, grads, momentum, segments, batch, l2, lr, momentumCoefficient);
  }

  @Override
  public void runningAverage(Buf running, Buf batchStat, float keep) {
    DeviceBuf r = DeviceBuf.of(running);
    kernels.args().ptr(r).ptr(DeviceBuf.of(batchStat)).f32(keep).i32((int) r.length)
        .launchOver(Kernels.K.running_average_f, r.length);
  }

  /** Waits until the stream has done all queued work (timing). */
  public void synchronize() {
    Cuda.rt(cudaStreamSynchronize(stream), "cudaStreamSynchronize");
  }

  @Override
  public void close() {
    cudaStreamSynchronize(stream);
    pooling.close();
    kernels.close();
    for (long a : allocations.keySet()) {
      cudaFree(new DevicePtr(a, 0));
    }
    allocations.clear();
    cudaFreeHost(staging.position(0));
    cublasDestroy_v2(cublas);
    cudnnDestroy(cudnn);
    cudaStreamDestroy(stream);
  }
}
