package io.mixmo.worker.net.ops;

/**
 * The implementations behind the op layers. Every op layer and the mixing vertex of one graph
 * use the same set, chosen when the graph is built ({@link OpKernels#forNewGraph}).
 *
 * <ul>
 *   <li>{@link #DNNL}: CPU, float32. oneDNN primitives called directly ({@code org.bytedeco:dnnl});
 *       activations between the network's layers stay in oneDNN's blocked layout (see {@link Dnnl}),
 *       so intermediate activations read through DL4J ({@code feedForward}) are not NCHW. Graph
 *       inputs and the pooled features are plain.
 *   <li>{@link #ND4J_OPS}: any backend and data type (the CUDA build, float64 gradient checks):
 *       NCHW activations and libnd4j's custom ops ({@code conv2d}/{@code conv2d_bp}, which run as
 *       oneDNN or cuDNN platform implementations where the native build has them); batch normalisation
 *       composed of reductions and broadcasts (on the CPU faster than libnd4j's fused op, measured).
 *   <li>{@link #ND4J_FUSED_BN}: {@link #ND4J_OPS} with batch normalisation as libnd4j's
 *       {@code batchnorm}/{@code batchnorm_bp} — in the CUDA build's {@code -cudnn} natives cuDNN's
 *       fused kernels (one pass forward, one backward instead of the composed path's six to eight).
 *       What graphs on a non-CPU backend get; it runs on any backend, so the CPU tests check it. Not
 *       measured on a GPU (none here).
 * </ul>
 */
public enum KernelSet {
  DNNL,
  ND4J_OPS,
  ND4J_FUSED_BN
}
