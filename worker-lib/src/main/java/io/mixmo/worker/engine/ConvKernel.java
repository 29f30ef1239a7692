package io.mixmo.worker.engine;

/**
 * A convolution planned once for one {@link ConvGeometry} (algorithm chosen, weight reorders and
 * scratch memory allocated). Weights and weight gradients are OIHW slices of the flat parameter and
 * gradient buffers; activations are in the backend's layout. Not thread-safe.
 */
public interface ConvKernel extends AutoCloseable {
  /** y = conv(x, w); {@code training} selects the training or inference flavour of the kernel. */
  void forward(Buf x, Buf w, Buf y, boolean training);

  /** dx = conv_bwd_data(dy, w) (overwrites dx). */
  void backwardData(Buf dy, Buf w, Buf dx);

  /** dw = conv_bwd_weights(x, dy) (overwrites dw, OIHW). */
  void backwardWeights(Buf x, Buf dy, Buf dw);

  @Override
  void close();
}
