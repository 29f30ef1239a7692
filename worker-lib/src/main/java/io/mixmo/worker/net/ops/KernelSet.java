package io.mixmo.worker.net.ops;

/**
 * The two implementations behind the op layers. Every op layer and the mixing vertex of one graph
 * use the same set, chosen when the graph is built ({@link OpKernels#forNewGraph}).
 *
 * <ul>
 *   <li>{@link #DNNL}: CPU, float32. oneDNN primitives called directly ({@code org.bytedeco:dnnl});
 *       activations between the network's layers stay in oneDNN's blocked layout (see {@link Dnnl}),
 *       so intermediate activations read through DL4J ({@code feedForward}) are not NCHW. Graph
 *       inputs and the pooled features are plain.
 *   <li>{@link #ND4J_OPS}: any backend and data type (the CUDA build, float64 gradient checks):
 *       NCHW activations and libnd4j's custom ops ({@code conv2d}/{@code conv2d_bp}, which run as
 *       oneDNN or cuDNN platform implementations where the native build has them).
 * </ul>
 */
public enum KernelSet {
  DNNL,
  ND4J_OPS
}
