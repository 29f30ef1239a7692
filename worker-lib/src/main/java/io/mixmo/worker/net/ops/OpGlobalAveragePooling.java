package io.mixmo.worker.net.ops;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J {@link GlobalPoolingLayer} (average, collapsed to [B, C]) whose layer,
 * {@link OpGlobalAveragePoolingImpl}, pools blocked activations (DNNL kernels) or NCHW ones with a
 * plane reduction, and broadcasts the gradient back without DL4J's TAD broadcast copy. Same JSON
 * fields; no parameters. Configuration only; driver and executors alike.
 */
public class OpGlobalAveragePooling extends GlobalPoolingLayer {

  public OpGlobalAveragePooling() {
    super(PoolingType.AVG);
  }

  /** Global average pooling of NCHW activations to [B, C]. */
  public static OpGlobalAveragePooling create() {
    return LayerClasses.reclass(new GlobalPoolingLayer(PoolingType.AVG), OpGlobalAveragePooling.class);
  }

  /** Whether {@code layer} is the plain global average pooling this class replaces. */
  public static boolean isPlainAverage(GlobalPoolingLayer layer) {
    int[] dims = layer.getPoolingDimensions();
    return layer.getPoolingType() == PoolingType.AVG && layer.isCollapseDimensions()
        && (dims == null || java.util.Arrays.equals(dims, new int[] {2, 3}));
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
      INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
    if (!isPlainAverage(this)) {
      throw new IllegalStateException("layer " + getLayerName() + " (OpGlobalAveragePooling): only average pooling "
          + "over H, W collapsed to [B, C] is supported, found " + getPoolingType());
    }
    return OpLayers.wire(new OpGlobalAveragePoolingImpl(conf, networkDataType,
        OpKernels.forNewGraph(networkDataType)), conf, listeners, layerIndex, layerParamsView,
        initializeParams);
  }

  @Override
  public OpGlobalAveragePooling clone() {
    return (OpGlobalAveragePooling) super.clone();
  }
}
