/**
 * The MixMo network's hot layers on libnd4j operations: convolution ({@link
 * io.mixmo.worker.net.ops.OpConvolution}, {@code conv2d}/{@code conv2d_bp}, oneDNN primitives in the
 * {@code -onednn} native build), batch normalisation ({@link
 * io.mixmo.worker.net.ops.OpBatchNormalization}) and ReLU ({@link io.mixmo.worker.net.ops.OpRelu}),
 * plus the few native calls they are made of ({@link io.mixmo.worker.net.ops.NativeOps}).
 *
 * <p>Each configuration extends the DL4J configuration it replaces and adds no field, so the graph's
 * parameter vector keeps its layout, and a graph saved with DL4J's layers becomes one with these by
 * changing the layers' classes ({@link io.mixmo.worker.net.ops.LayerClasses}). Why each layer is
 * built the way it is (what was measured against DL4J's layers, the fused libnd4j ops and PyTorch)
 * is in {@code docs/benchmarks.md}. The layers run wherever the graph runs: inside executor tasks
 * when training and evaluating, on the driver in tests and prediction.
 */
package io.mixmo.worker.net.ops;
