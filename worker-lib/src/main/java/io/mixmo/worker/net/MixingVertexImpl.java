package io.mixmo.worker.net;

import io.mixmo.worker.net.ops.KernelSet;
import io.mixmo.worker.net.ops.NativeOps;
import io.mixmo.worker.net.ops.OpKernels;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime mixing block: z = M · Σ_m μ_m ⊙ l_m ({@code docs/mixmo.md} §2.1, official code's
 * {@code mix_manifolds}), masks [mb, 1, h, w] broadcast over the C channels of l_m [mb, C, h, w] by
 * libnd4j's broadcasting {@code multiply} (the factor M is folded into the small mask arrays). With
 * the DNNL kernels the encoder outputs are blocked ([mb, C/k, h, w, k] in memory, k the block) and
 * the masks plain, so both are multiplied as 5-D views ([mb, C/k, h, w, k] by [mb, 1, h, w, 1]).
 *
 * <p>Backward: ∂L/∂l_m = M · μ_m ⊙ ε; ∂L/∂μ_m = M · Σ_c ε ⊙ l_m only when μ_m comes from another
 * vertex — for the graph's own mask inputs it is not computed (DL4J drops input gradients). Runs
 * inside DL4J's forward/backward on an executor or wherever the graph is evaluated; not
 * thread-safe (one graph per thread, as DL4J requires).
 */
final class MixingVertexImpl extends BaseGraphVertex {
  private final int members;
  private final KernelSet kernels;

  MixingVertexImpl(ComputationGraph graph, String name, int index, DataType dataType, int members, KernelSet kernels) {
    super(graph, name, index, null, null, dataType);
    this.members = members;
    this.kernels = kernels;
  }

  @Override
  public boolean hasLayer() {
    return false;
  }

  @Override
  public Layer getLayer() {
    return null;
  }

  @Override
  public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (!canDoForward()) {
      throw new IllegalStateException("mixing vertex " + vertexName + ": inputs not set");
    }
    INDArray first = inputs[0];
    DataType type = first.dataType();
    INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, type, first.shape(), 'c');
    NativeOps.multiply(features(first), scaledMask(0, type), features(z));
    if (members > 1) {
      INDArray term = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, type, first.shape(), 'c');
      for (int m = 1; m < members; m++) {
        NativeOps.multiply(features(inputs[m]), scaledMask(m, type), features(term));
        z.addi(term);
      }
    }
    return z;
  }

  @Override
  public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
    if (!canDoBackward()) {
      throw new IllegalStateException("mixing vertex " + vertexName + ": epsilon not set");
    }
    INDArray[] grads = new INDArray[2 * members];
    for (int m = 0; m < members; m++) {
      INDArray l = inputs[m];
      grads[m] = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, l.dataType(), l.shape(), 'c');
      NativeOps.multiply(features(epsilon), scaledMask(m, l.dataType()), features(grads[m]));
      if (!maskIsGraphInput(m)) {
        if (kernels == KernelSet.DNNL) {
          throw new IllegalStateException("mixing vertex " + vertexName + ": with the DNNL kernels the masks must be "
              + "graph inputs (their gradient is not computed on blocked activations)");
        }
        INDArray mask = inputs[members + m];
        INDArray product = epsilon.mul(l);
        grads[members + m] = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, mask.dataType(), mask.shape(), 'c');
        grads[members + m].assign(product.sum(true, 1).reshape(mask.shape())).muli(members);
      }
    }
    return new Pair<>(null, grads);
  }

  /** M · μ_m in the activations' data type (a small [mb, 1, h, w] array; [mb, 1, h, w, 1] for DNNL). */
  private INDArray scaledMask(int member, DataType type) {
    INDArray mask = inputs[members + member].castTo(type).mul(members);
    if (kernels != KernelSet.DNNL) {
      return mask;
    }
    long[] s = mask.shape();
    return mask.reshape('c', s[0], 1, s[2], s[3], 1);
  }

  /** An activation as the multiply sees it: itself (NCHW) or its blocked 5-D view. */
  private INDArray features(INDArray a) {
    if (kernels != KernelSet.DNNL) {
      return a;
    }
    long[] s = a.shape();
    int block = OpKernels.dnnlBlockSize();
    return a.reshape('c', s[0], s[1] / block, s[2], s[3], block);
  }

  private boolean maskIsGraphInput(int member) {
    VertexIndices[] from = getInputVertices();
    return from != null && graph.getVertices()[from[members + member].getVertexIndex()].isInputVertex();
  }

  @Override
  public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
    if (backpropGradientsViewArray != null) {
      throw new IllegalStateException("mixing vertex " + vertexName + " has no parameters");
    }
  }

  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
      int minibatchSize) {
    return new Pair<>(null, currentMaskState);
  }

  @Override
  public String toString() {
    return "MixingVertex(id=" + vertexIndex + ",name=\"" + vertexName + "\",members=" + members + ")";
  }
}
