package io.mixmo.worker.net.ops;

import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.BETA;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GAMMA;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GLOBAL_MEAN;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GLOBAL_VAR;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The runtime layer of {@link OpBatchNormalization}, on NCHW activations x [B, C, H, W] with
 * N = B·H·W values per channel c (Ioffe and Szegedy 2015; DL4J's conventions for the running
 * statistics).
 *
 * <p>Forward: batch mean μ and biased variance σ² per channel (training) or the running ones
 * (inference); with s = 1/√(σ² + ε), a = γ·s: y = a·x + (β − a·μ), one broadcast multiply and one
 * channel bias add. Backward, with dβ = Σ dy and dγ = s·(Σ dy·x − μ·dβ):
 * dx = a·dy − k·x + (k·μ − a·dβ/N), k = a·s·dγ/N — two per-channel reductions and four element-wise
 * passes. The running statistics move as DL4J's BatchNormalization moves them: their "gradients"
 * are (running − batch)·(1 − decay), applied unscaled by a no-op updater.
 *
 * <p>Why not libnd4j's {@code batchnorm}/{@code batchnorm_bp}: with oneDNN they take 4.8 ms and
 * 38 ms on a 64×64×32×32 activation against 2.6 ms and 12 ms here (PyTorch: 4.3 ms forward, 6.8 ms
 * backward), because oneDNN is given plain NCHW memory and the backward completes oneDNN's partial
 * result with ten generic passes (measured; {@code docs/benchmarks.md}). On a non-CPU backend
 * ({@link KernelSet#ND4J_FUSED_BN}: the CUDA build) the fused ops are used all the same: there they
 * are cuDNN's one-pass kernels (in the {@code -cudnn} natives), against six to eight memory-bound
 * passes here — chosen by that argument, not measured (no GPU here). Not thread-safe.
 */
final class OpBatchNormImpl extends BaseLayer<OpBatchNormalization> {
  /** Batch statistics of the last training forward pass, kept for backward (outside workspaces). */
  private INDArray batchMean;
  private INDArray batchVar;
  private final KernelSet kernels;
  private DnnlBatchNorm dnnl;

  OpBatchNormImpl(NeuralNetConfiguration conf, DataType dataType, KernelSet kernels) {
    super(conf, dataType);
    this.kernels = kernels;
  }

  @Override
  public Type type() {
    return Type.NORMALIZATION;
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }

  @Override
  public boolean hasBias() {
    return false;
  }

  @Override
  public boolean updaterDivideByMinibatch(String paramName) {
    return !GLOBAL_MEAN.equals(paramName) && !GLOBAL_VAR.equals(paramName);
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    if (kernels == KernelSet.DNNL) {
      return activateDnnl(training, workspaceMgr);
    }
    INDArray x = Arrays4d.contiguous(checkedInput(), workspaceMgr, ArrayType.FF_WORKING_MEM);
    INDArray mean;
    INDArray var;
    if (training) {
      INDArray[] moments = ChannelSums.moments(x);
      keep(moments[0], moments[1]);
      mean = batchMean;
      var = batchVar;
    } else {
      mean = rank1(getParam(GLOBAL_MEAN));
      var = rank1(getParam(GLOBAL_VAR));
    }
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
    if (kernels == KernelSet.ND4J_FUSED_BN) {
      NativeOps.batchNorm(x, mean, var, rank1(getParam(GAMMA)), rank1(getParam(BETA)), layerConf().getEps(), out);
      return out;
    }
    INDArray invStd = invStd(var);
    INDArray scale = rank1(getParam(GAMMA)).mul(invStd);
    INDArray shift = rank1(getParam(BETA)).sub(scale.mul(mean));
    NativeOps.multiply(x, Arrays4d.perChannel(scale), out);
    NativeOps.addChannelBias(out, shift, out);
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    if (batchMean == null) {
      throw new IllegalStateException("layer " + layerConf().getLayerName() + ": backprop without a training forward pass "
          + layerId());
    }
    if (kernels == KernelSet.DNNL) {
      return backpropDnnl(epsilon, workspaceMgr);
    }
    INDArray x = Arrays4d.contiguous(checkedInput(), workspaceMgr, ArrayType.BP_WORKING_MEM);
    INDArray dy = Arrays4d.contiguous(epsilon.castTo(dataType), workspaceMgr, ArrayType.BP_WORKING_MEM);
    if (kernels == KernelSet.ND4J_FUSED_BN) {
      return backpropFused(x, dy, workspaceMgr);
    }
    double n = (double) x.length() / x.size(1);
    INDArray work = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, x.shape(), 'c');

    INDArray dBeta = ChannelSums.sum(dy);
    Nd4j.getExecutioner().exec(new MulOp(dy, x, work));
    INDArray sumDyX = ChannelSums.sum(work);
    INDArray invStd = invStd(batchVar);
    INDArray dGamma = sumDyX.subi(batchMean.mul(dBeta)).muli(invStd);
    INDArray scale = rank1(getParam(GAMMA)).mul(invStd);
    INDArray k = scale.mul(invStd).muli(dGamma).divi(n);
    INDArray shift = k.mul(batchMean).subi(scale.mul(dBeta).divi(n));

    INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
    NativeOps.multiply(dy, Arrays4d.perChannel(scale), dx);
    NativeOps.multiply(x, Arrays4d.perChannel(k), work);
    Nd4j.getExecutioner().exec(new SubOp(dx, work, dx));
    NativeOps.addChannelBias(dx, shift, dx);

    assign(GAMMA, dGamma);
    assign(BETA, dBeta);
    return new Pair<>(gradients(), dx);
  }

  /** The gradients by libnd4j's batchnorm_bp, which differentiates through the batch statistics. */
  private Pair<Gradient, INDArray> backpropFused(INDArray x, INDArray dy, LayerWorkspaceMgr workspaceMgr) {
    long c = layerConf().getNOut();
    INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
    INDArray[] grads = new INDArray[4]; // mean, variance, gamma, beta
    for (int i = 0; i < grads.length; i++) {
      grads[i] = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {c}, 'c');
    }
    NativeOps.batchNormBackprop(x, batchMean, batchVar, rank1(getParam(GAMMA)), rank1(getParam(BETA)), dy,
        layerConf().getEps(), dx, grads[0], grads[1], grads[2], grads[3]);
    assign(GAMMA, grads[2]);
    assign(BETA, grads[3]);
    return new Pair<>(gradients(), dx);
  }

  /** y = BN(x) on blocked activations with oneDNN; γ and β read in place as its [2, C] scale-shift. */
  private INDArray activateDnnl(boolean training, LayerWorkspaceMgr workspaceMgr) {
    INDArray x = Arrays4d.requireDense(checkedInput(), layerConf().getLayerName());
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
    INDArray ss = paramRange(paramsFlattened, 0, 2);
    if (training) {
      keep(null, null);
      dnnl().forwardTraining(x, ss, out, batchMean, batchVar);
    } else {
      dnnl().forwardInference(x, ss, paramRange(paramsFlattened, 2, 3), paramRange(paramsFlattened, 3, 4), out);
    }
    return out;
  }

  private Pair<Gradient, INDArray> backpropDnnl(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    String name = layerConf().getLayerName();
    INDArray x = Arrays4d.requireDense(checkedInput(), name);
    INDArray dy = Arrays4d.requireDense(epsilon.castTo(dataType), name);
    INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
    dnnl().backward(x, batchMean, batchVar, dy, paramRange(paramsFlattened, 0, 2), dx,
        paramRange(gradientsFlattened, 0, 2));
    return new Pair<>(gradients(), dx);
  }

  /**
   * The gradient entries (γ and β already written into their views), plus DL4J's running-statistics
   * updates: (running − batch)·(1 − decay), applied unscaled by a no-op updater.
   */
  private Gradient gradients() {
    Gradient gradient = new DefaultGradient();
    gradient.setGradientFor(GAMMA, gradientViews.get(GAMMA));
    gradient.setGradientFor(BETA, gradientViews.get(BETA));
    double keep = 1 - layerConf().getDecay();
    gradient.setGradientFor(GLOBAL_MEAN, assign(GLOBAL_MEAN, rank1(getParam(GLOBAL_MEAN)).sub(batchMean).muli(keep)));
    gradient.setGradientFor(GLOBAL_VAR, assign(GLOBAL_VAR, rank1(getParam(GLOBAL_VAR)).sub(batchVar).muli(keep)));
    return gradient;
  }

  /**
   * Parameters {@code [from·C, to·C)} of the layer's flat vector (γ, β, running mean, running
   * variance, C each: BatchNormalizationParamInitializer's order, checked against the views).
   */
  private INDArray paramRange(INDArray flat, int from, int to) {
    long c = layerConf().getNOut();
    INDArray range = flat.reshape(flat.length()).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from * c, to * c));
    INDArray first = (flat == paramsFlattened ? params : gradientViews).get(ORDER[from]);
    if (range.data().address() + range.offset() * 4 != first.data().address() + first.offset() * 4) {
      throw new IllegalStateException("layer " + layerConf().getLayerName() + ": batch-norm parameters are not laid out "
          + "as gamma, beta, mean, variance");
    }
    return range;
  }

  private static final String[] ORDER = {GAMMA, BETA, GLOBAL_MEAN, GLOBAL_VAR};

  private DnnlBatchNorm dnnl() {
    if (dnnl == null) {
      dnnl = new DnnlBatchNorm("layer " + layerConf().getLayerName(), layerConf().getNOut(), layerConf().getEps());
    }
    return dnnl;
  }

  private INDArray invStd(INDArray var) {
    INDArray s = Transforms.sqrt(var.add(layerConf().getEps()), false);
    return s.rdivi(1.0);
  }

  /** Writes {@code value} [C] into the gradient view of {@code param} and returns the view. */
  private INDArray assign(String param, INDArray value) {
    INDArray view = gradientViews.get(param);
    view.assign(value.reshape(view.shape()));
    return view;
  }

  /** Makes sure the batch-statistics arrays exist (outside workspaces) and, when given, copies into them. */
  private void keep(INDArray mean, INDArray var) {
    long c = layerConf().getNOut();
    if (batchMean == null || batchMean.length() != c || batchMean.dataType() != dataType) {
      try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
        batchMean = Nd4j.create(dataType, c);
        batchVar = Nd4j.create(dataType, c);
      }
    }
    if (mean != null) {
      batchMean.assign(mean);
      batchVar.assign(var);
    }
  }

  private static INDArray rank1(INDArray param) {
    return param.reshape(param.length());
  }

  private INDArray checkedInput() {
    INDArray x = input.castTo(dataType);
    long channels = layerConf().getNOut();
    if (x.rank() != 4 || x.size(1) != channels) {
      throw new IllegalArgumentException("layer " + layerConf().getLayerName() + " expects NCHW input with " + channels
          + " channels, found shape " + java.util.Arrays.toString(x.shape()) + " " + layerId());
    }
    return x;
  }
}
