package io.mixmo.worker.engine;

/**
 * Where a {@link Program} runs: buffers and kernels. The engine core calls only this interface, so a
 * backend decides memory (host or device), activation layout (e.g. blocked channels) and how each
 * operation is computed; a GPU backend implements the same calls on device memory and the state
 * layout stays the same ({@code docs/engine.md}, "Backend boundary").
 *
 * <p>Rules every backend follows: buffers are allocated only while a program is planned, never
 * while it runs; {@link #slice} returns a handle on part of a buffer (no copy) and is also called
 * only while planning; every operation reads and writes whole buffers of the sizes the core passes
 * (activations: {@link ActShape#size()} floats in the backend's layout; images and masks: plain
 * NCHW; features, logits, labels: row-major [batch, n]). Not thread-safe: a backend instance and
 * its programs belong to one thread.
 */
public interface Backend extends AutoCloseable {
  /** e.g. "cpu (oneDNN 2.5.2, nChw16c)". */
  String describe();

  /** A zero-filled buffer of {@code floats} elements. */
  Buf allocate(long floats, String name);

  /** Releases a buffer from {@link #allocate} (its slices become invalid); planning time only. */
  void free(Buf b);

  /** Elements [offset, offset + length) of {@code parent}, sharing its memory. */
  Buf slice(Buf parent, long offset, long length);

  /** Copies {@code dst.length()} floats from {@code src[srcOffset…]} into {@code dst}. */
  void upload(float[] src, int srcOffset, Buf dst);

  /** Copies {@code src} into {@code dst[dstOffset…]}. */
  void download(Buf src, float[] dst, int dstOffset);

  /** Sets every element to {@code value}. */
  void fill(Buf b, float value);

  /** Bytes the backend has allocated for buffers and kernels so far (for the memory figures). */
  long bytesAllocated();

  ConvKernel convolution(ConvGeometry geometry);

  BatchNormKernel batchNorm(String name, ActShape shape, float eps);

  /**
   * A batch normalisation with the ReLU that follows it fused in, or null when this backend has no
   * such kernel (the core then runs {@link #batchNorm} and {@link #relu} apart). Its forwards write
   * max(BN(x), 0); its backward takes dy of the ReLU's output and the batch statistics of the last
   * training forward, and may rely on state that forward left in the kernel (which outputs were
   * positive): the core calls each training forward's backward before the next training forward.
   */
  default BatchNormKernel batchNormRelu(String name, ActShape shape, float eps) {
    return null;
  }

  /** y = max(x, 0). */
  void relu(Buf x, Buf y);

  /** dx = dy where y > 0, else 0. */
  void reluBackward(Buf y, Buf dy, Buf dx);

  /** out = a + b. */
  void add(Buf a, Buf b, Buf out);

  /** dst += src. */
  void accumulate(Buf src, Buf dst);

  /** dst = src. */
  void copy(Buf src, Buf dst);

  /**
   * The mixing block z = Σ_m l_m ⊙ (M·μ_m): {@code encoded[m]} activations of {@code shape},
   * {@code masks[m]} plain [batch, 1, h, w] broadcast over channels; the factor M is applied to the
   * mask in float before the multiply (as the DL4J vertex does).
   */
  void mix(Buf[] encoded, Buf[] masks, ActShape shape, Buf z);

  /**
   * dl = dz ⊙ (M·μ) for one member's mask: one of the masks of the last {@link #mix} of this shape,
   * unchanged since (a backend may reuse what it derived from the mask there).
   */
  void mixBackward(Buf dz, Buf mask, int members, ActShape shape, Buf dl);

  /** features[b, c] = mean over h, w of x (features row-major [batch, channels]). */
  void globalAveragePool(Buf x, ActShape shape, Buf features);

  /** dx[b, c, h, w] = dFeatures[b, c] / (h·w). */
  void globalAveragePoolBackward(Buf dFeatures, ActShape shape, Buf dx);

  /**
   * Dense heads with softmax cross-entropy, one call for all M heads: for head m, z = f·W_m + b_m
   * (W_m [nIn, nOut] in DL4J's column-major flattening, element (i, o) at i + o·nIn), p = softmax(z),
   * per-example loss w·CE(p, y); gradients dz = w·(p − y) (not divided by the batch), dW_m, db_m
   * and df = Σ_m dz·W_mᵀ. Returns Σ over heads and examples of w·CE, with p clipped to
   * [1e-10, 1 − 1e-10] for the score as DL4J's MCXENT does.
   *
   * @param weights head m's W at {@code weights[m]}, bias at {@code biases[m]}
   */
  double headsForwardBackward(Buf features, int batch, int nIn, int nOut, Buf[] weights, Buf[] biases,
      Buf[] labels, Buf[] exampleWeights, Buf[] dWeights, Buf[] dBiases, Buf dFeatures, Buf scratchLogits);

  /** Logits only: out[m] = f·W_m + b_m, row-major [batch, nOut]. */
  void headsForward(Buf features, int batch, int nIn, int nOut, Buf[] weights, Buf[] biases, Buf[] logits);

  /**
   * The fused update of the trainable parameters, segment by segment (param offset, momentum offset,
   * length in {@code segments}, 3 ints each): g = grad/batch + l2·θ; v' = μ·v − lr·g;
   * θ −= μ·v − (μ + 1)·v' (DL4J's Nesterov, with its L2 before the updater). Returns Σθ² of the
   * parameters before the update (the L2 score is ½·l2·Σθ²).
   */
  double nesterovL2(Buf params, Buf grads, Buf momentum, int[] segments, float batch, float l2, float lr,
      float momentumCoefficient);

  /** running −= (running − batchStat)·keep, for the BN running mean or variance (DL4J's way). */
  void runningAverage(Buf running, Buf batchStat, float keep);

  /** Releases every buffer and kernel of this backend. */
  @Override
  void close();
}
