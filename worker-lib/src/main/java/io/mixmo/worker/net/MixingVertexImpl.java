package io.mixmo.worker.net;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime mixing block: z = M · Σ_m μ_m ⊙ l_m ({@code mixmo-reference.md} §2.1, official code's
 * {@code mix_manifolds}), masks [mb, 1, h, w] broadcast over the C channels of l_m [mb, C, h, w].
 *
 * <p>Backward: ∂L/∂l_m = M · μ_m ⊙ ε and ∂L/∂μ_m = M · Σ_c ε ⊙ l_m (returned for completeness; the
 * masks are graph inputs, so DL4J drops it). Runs inside DL4J's forward/backward on an executor or
 * wherever the graph is evaluated; not thread-safe (one graph per thread, as DL4J requires).
 */
final class MixingVertexImpl extends BaseGraphVertex {
  private final int members;

  MixingVertexImpl(ComputationGraph graph, String name, int index, DataType dataType, int members) {
    super(graph, name, index, null, null, dataType);
    this.members = members;
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
    INDArray z = workspaceMgr.create(ArrayType.ACTIVATIONS, first.dataType(), first.shape(), 'c');
    INDArray product = first.ulike();
    for (int m = 0; m < members; m++) {
      broadcastMask(inputs[m], inputs[members + m], product);
      z.addi(product);
    }
    return z.muli(members);
  }

  @Override
  public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
    if (!canDoBackward()) {
      throw new IllegalStateException("mixing vertex " + vertexName + ": epsilon not set");
    }
    INDArray[] grads = new INDArray[2 * members];
    INDArray product = epsilon.ulike();
    for (int m = 0; m < members; m++) {
      INDArray l = inputs[m];
      INDArray mask = inputs[members + m];
      grads[m] = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, l.dataType(), l.shape(), 'c');
      broadcastMask(epsilon, mask, grads[m]);
      grads[m].muli(members);
      product.assign(epsilon).muli(l);
      grads[members + m] = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, mask.dataType(), mask.shape(), 'c');
      grads[members + m].assign(product.sum(true, 1).reshape(mask.shape())).muli(members);
    }
    return new Pair<>(null, grads);
  }

  /** out = x ⊙ mask, mask [mb, 1, h, w] broadcast along the channel dimension of x [mb, C, h, w]. */
  private static void broadcastMask(INDArray x, INDArray mask, INDArray out) {
    long[] s = x.shape();
    INDArray rows = mask.castTo(x.dataType()).dup('c').reshape('c', s[0], s[2], s[3]);
    Nd4j.getExecutioner().exec(new BroadcastMulOp(x, rows, out, 0, 2, 3));
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
