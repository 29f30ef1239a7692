package io.mixmo.worker.engine.cuda;

import static org.bytedeco.cuda.global.cudnn.*;

import io.mixmo.worker.engine.ActShape;
import io.mixmo.worker.engine.Buf;
import io.mixmo.worker.engine.ConvGeometry;
import io.mixmo.worker.engine.ConvKernel;
import java.util.function.IntFunction;
import org.bytedeco.cuda.cudnn.cudnnConvolutionBwdDataAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionBwdFilterAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionFwdAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionStruct;
import org.bytedeco.cuda.cudnn.cudnnFilterStruct;
import org.bytedeco.cuda.cudnn.cudnnTensorStruct;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * One convolution planned on cuDNN: descriptors made and the forward, backward-data and
 * backward-filter algorithms chosen once (cuDNN's heuristics, {@code *_v7}: the first that succeeds;
 * with {@link CudaOptions#deterministic} the first deterministic one, in all three directions), FMA math (no TF32) unless the
 * options allow TF32. Asymmetric zero padding (the WRN's strided (0,1,0,1)) has no cuDNN form: the
 * input is then padded into a buffer of this kernel by {@code pad_f} and convolved without padding,
 * and the data gradient cropped back by {@code crop_f}. Workspace: the backend's shared one, grown
 * while planning. Executor side; not thread-safe.
 */
// cuDNN 9 marks its legacy (descriptor) API deprecated in favour of the graph API; it is still
// shipped and supported in 9.x, and is what this backend uses (docs/gpu.md, "What comes next").
@SuppressWarnings("deprecation")
final class CudnnConvolution implements ConvKernel {
  private final CudaBackend be;
  private final ConvGeometry g;
  private final cudnnTensorStruct xDesc = new cudnnTensorStruct();
  private final cudnnTensorStruct yDesc = new cudnnTensorStruct();
  private final cudnnFilterStruct wDesc = new cudnnFilterStruct();
  private final cudnnConvolutionStruct convDesc = new cudnnConvolutionStruct();
  private final int fwdAlgo;
  private final int bwdDataAlgo;
  private final int bwdFilterAlgo;
  private final boolean padded;
  private final int hp;
  private final int wp;
  private final DeviceBuf xPadded;
  private final DeviceBuf dxPadded;

  CudnnConvolution(CudaBackend be, ConvGeometry g) {
    this.be = be;
    this.g = g;
    ActShape in = g.in();
    ActShape out = g.out();
    padded = g.padTop() != g.padBottom() || g.padLeft() != g.padRight();
    hp = padded ? in.height() + g.padTop() + g.padBottom() : in.height();
    wp = padded ? in.width() + g.padLeft() + g.padRight() : in.width();
    int pad = padded ? 0 : g.padTop();
    int padW = padded ? 0 : g.padLeft();
    Cuda.dnn(cudnnCreateTensorDescriptor(xDesc), "cudnnCreateTensorDescriptor");
    Cuda.dnn(cudnnCreateTensorDescriptor(yDesc), "cudnnCreateTensorDescriptor");
    Cuda.dnn(cudnnCreateFilterDescriptor(wDesc), "cudnnCreateFilterDescriptor");
    Cuda.dnn(cudnnCreateConvolutionDescriptor(convDesc), "cudnnCreateConvolutionDescriptor");
    Cuda.dnn(cudnnSetTensor4dDescriptor(xDesc, CUDNN_TENSOR_NCHW, CUDNN_DATA_FLOAT, in.batch(), in.channels(), hp, wp),
        g.name() + ": input descriptor");
    Cuda.dnn(cudnnSetTensor4dDescriptor(yDesc, CUDNN_TENSOR_NCHW, CUDNN_DATA_FLOAT, out.batch(), out.channels(),
        out.height(), out.width()), g.name() + ": output descriptor");
    Cuda.dnn(cudnnSetFilter4dDescriptor(wDesc, CUDNN_DATA_FLOAT, CUDNN_TENSOR_NCHW, g.nOut(), in.channels(), g.kernel(),
        g.kernel()), g.name() + ": filter descriptor (OIHW)");
    Cuda.dnn(cudnnSetConvolution2dDescriptor(convDesc, pad, padW, g.stride(), g.stride(), 1, 1, CUDNN_CROSS_CORRELATION,
        CUDNN_DATA_FLOAT), g.name() + ": convolution descriptor");
    Cuda.dnn(cudnnSetConvolutionMathType(convDesc, be.options().tf32() ? CUDNN_DEFAULT_MATH : CUDNN_FMA_MATH),
        "cudnnSetConvolutionMathType");
    fwdAlgo = chooseForward();
    bwdDataAlgo = g.plainInput() ? -1 : chooseBackwardData();
    bwdFilterAlgo = chooseBackwardFilter();
    xPadded = padded ? be.device((long) in.batch() * in.channels() * hp * wp, g.name() + " padded input") : null;
    dxPadded = padded && !g.plainInput()
        ? be.device((long) in.batch() * in.channels() * hp * wp, g.name() + " padded input gradient") : null;
  }

  private static final int CANDIDATES = 8;

  /** One algorithm as cuDNN's heuristics rank it (status, algorithm, determinism), whatever the direction. */
  private record Candidate(int status, int algo, int determinism) {}

  /** cuDNN's workspace query of one direction, for one of its algorithms. */
  private interface WorkspaceQuery {
    int bytes(int algo, SizeTPointer out);
  }

  private int chooseForward() {
    cudnnConvolutionFwdAlgoPerf_t perf = new cudnnConvolutionFwdAlgoPerf_t(CANDIDATES);
    int[] n = {0};
    Cuda.dnn(cudnnGetConvolutionForwardAlgorithm_v7(be.cudnn(), xDesc, wDesc, convDesc, yDesc, CANDIDATES, n, perf),
        g.name() + ": cudnnGetConvolutionForwardAlgorithm_v7");
    return pick("forward", n[0], i -> new Candidate(perf.position(i).status(), perf.algo(), perf.determinism()),
        (algo, ws) -> cudnnGetConvolutionForwardWorkspaceSize(be.cudnn(), xDesc, wDesc, convDesc, yDesc, algo, ws));
  }

  private int chooseBackwardData() {
    cudnnConvolutionBwdDataAlgoPerf_t perf = new cudnnConvolutionBwdDataAlgoPerf_t(CANDIDATES);
    int[] n = {0};
    Cuda.dnn(cudnnGetConvolutionBackwardDataAlgorithm_v7(be.cudnn(), wDesc, yDesc, convDesc, xDesc, CANDIDATES, n,
        perf), g.name() + ": cudnnGetConvolutionBackwardDataAlgorithm_v7");
    return pick("backward-data", n[0], i -> new Candidate(perf.position(i).status(), perf.algo(), perf.determinism()),
        (algo, ws) -> cudnnGetConvolutionBackwardDataWorkspaceSize(be.cudnn(), wDesc, yDesc, convDesc, xDesc, algo, ws));
  }

  private int chooseBackwardFilter() {
    cudnnConvolutionBwdFilterAlgoPerf_t perf = new cudnnConvolutionBwdFilterAlgoPerf_t(CANDIDATES);
    int[] n = {0};
    Cuda.dnn(cudnnGetConvolutionBackwardFilterAlgorithm_v7(be.cudnn(), xDesc, yDesc, convDesc, wDesc, CANDIDATES, n,
        perf), g.name() + ": cudnnGetConvolutionBackwardFilterAlgorithm_v7");
    return pick("backward-filter", n[0], i -> new Candidate(perf.position(i).status(), perf.algo(), perf.determinism()),
        (algo, ws) -> cudnnGetConvolutionBackwardFilterWorkspaceSize(be.cudnn(), xDesc, yDesc, convDesc, wDesc, algo, ws));
  }

  /**
   * The first of {@code n} ranked candidates that cuDNN can run (and, with {@link CudaOptions#deterministic},
   * that is deterministic); grows the shared workspace to what it needs.
   */
  private int pick(String direction, int n, IntFunction<Candidate> ranked, WorkspaceQuery workspace) {
    boolean deterministic = be.options().deterministic();
    for (int i = 0; i < n; i++) {
      Candidate c = ranked.apply(i);
      if (c.status() == CUDNN_STATUS_SUCCESS && (!deterministic || c.determinism() == CUDNN_DETERMINISTIC)) {
        SizeTPointer ws = new SizeTPointer(1);
        Cuda.dnn(workspace.bytes(c.algo(), ws), g.name() + ": " + direction + " workspace size of algorithm " + c.algo());
        be.requireWorkspace(ws.get());
        return c.algo();
      }
    }
    throw new CudaException(g.name() + ": cuDNN offers no " + (deterministic ? "deterministic " : "") + direction
        + " convolution algorithm for " + g);
  }

  /** The input cuDNN reads: x itself, or x padded into this kernel's buffer. */
  private DeviceBuf input(DeviceBuf x) {
    if (!padded) {
      return x;
    }
    ActShape in = g.in();
    be.kernels().args().ptr(x).ptr(xPadded).i32(in.height()).i32(in.width()).i32(g.padTop()).i32(g.padLeft()).i32(hp)
        .i32(wp).i64(xPadded.length).launchOver(Kernels.K.pad_f, xPadded.length);
    return xPadded;
  }

  @Override
  public void forward(Buf x, Buf w, Buf y, boolean training) {
    DeviceBuf in = input(DeviceBuf.of(x));
    Cuda.dnn(cudnnConvolutionForward(be.cudnn(), be.one(), xDesc, in.ptr, wDesc, DeviceBuf.of(w).ptr, convDesc, fwdAlgo,
        be.workspace(), be.workspaceBytes(), be.zero(), yDesc, DeviceBuf.of(y).ptr), g.name() + ": cudnnConvolutionForward");
  }

  @Override
  public void backwardData(Buf dy, Buf w, Buf dx) {
    if (g.plainInput()) {
      throw new IllegalStateException(g.name() + ": the gradient of a graph input is never computed");
    }
    DeviceBuf target = padded ? dxPadded : DeviceBuf.of(dx);
    Cuda.dnn(cudnnConvolutionBackwardData(be.cudnn(), be.one(), wDesc, DeviceBuf.of(w).ptr, yDesc, DeviceBuf.of(dy).ptr,
        convDesc, bwdDataAlgo, be.workspace(), be.workspaceBytes(), be.zero(), xDesc, target.ptr),
        g.name() + ": cudnnConvolutionBackwardData");
    if (padded) {
      ActShape in = g.in();
      DeviceBuf out = DeviceBuf.of(dx);
      be.kernels().args().ptr(dxPadded).ptr(out).i32(in.height()).i32(in.width()).i32(g.padTop()).i32(g.padLeft())
          .i32(hp).i32(wp).i64(out.length).launchOver(Kernels.K.crop_f, out.length);
    }
  }

  /** Reads the padded input of this step's forward pass when the padding is asymmetric. */
  @Override
  public void backwardWeights(Buf x, Buf dy, Buf dw) {
    DeviceBuf in = padded ? xPadded : DeviceBuf.of(x);
    Cuda.dnn(cudnnConvolutionBackwardFilter(be.cudnn(), be.one(), xDesc, in.ptr, yDesc, DeviceBuf.of(dy).ptr, convDesc,
        bwdFilterAlgo, be.workspace(), be.workspaceBytes(), be.zero(), wDesc, DeviceBuf.of(dw).ptr),
        g.name() + ": cudnnConvolutionBackwardFilter");
  }

  /** "fwd 1 / bwd-data 1 / bwd-filter 0", for the plan's log. */
  String algorithms() {
    return "fwd " + fwdAlgo + " / bwd-data " + bwdDataAlgo + " / bwd-filter " + bwdFilterAlgo;
  }

  @Override
  public void close() {
    if (xPadded != null) {
      be.free(xPadded);
    }
    if (dxPadded != null) {
      be.free(dxPadded);
    }
    cudnnDestroyTensorDescriptor(xDesc);
    cudnnDestroyTensorDescriptor(yDesc);
    cudnnDestroyFilterDescriptor(wDesc);
    cudnnDestroyConvolutionDescriptor(convDesc);
  }
}
