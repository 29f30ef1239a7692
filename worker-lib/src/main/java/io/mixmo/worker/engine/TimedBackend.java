package io.mixmo.worker.engine;

/**
 * A {@link Backend} that forwards every call to another and adds up the wall time spent in its
 * convolution and batch-normalisation kernels (BN + ReLU included where fused; called "the
 * primitives"). The step's wall time minus {@link #primitiveNanos()} is the time outside them
 * (element-wise work, mixing, pooling, heads, update, Java glue: on the CPU backend the first three
 * are oneDNN primitives too); {@link #otherNanos()} splits the timed part of it by operation. For
 * benchmarks; on an asynchronous GPU backend the figures would measure launches, not work. Not
 * thread-safe.
 */
public final class TimedBackend implements Backend {
  private final Backend d;
  private long primitiveNanos;
  private static final String[] OTHER = {"upload", "download", "fill", "relu", "reluBackward", "add", "accumulate",
      "copy", "mix", "mixBackward", "globalAveragePool", "globalAveragePoolBackward", "headsForwardBackward",
      "headsForward", "nesterovL2", "runningAverage"};
  private final long[] other = new long[OTHER.length];

  public TimedBackend(Backend delegate) {
    this.d = delegate;
  }

  /** Nanoseconds spent in convolution and batch-normalisation kernels so far. */
  public long primitiveNanos() {
    return primitiveNanos;
  }

  /**
   * Nanoseconds spent so far in each other operation the core called (element-wise work, mixing,
   * pooling, heads, update, transfers), by {@link Backend} method name.
   */
  public java.util.Map<String, Long> otherNanos() {
    java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < OTHER.length; i++) {
      m.put(OTHER[i], other[i]);
    }
    return m;
  }

  private void other(int op, long t0) {
    other[op] += System.nanoTime() - t0;
  }

  private long since(long t0) {
    long dt = System.nanoTime() - t0;
    primitiveNanos += dt;
    return dt;
  }

  @Override
  public String describe() {
    return d.describe();
  }

  @Override
  public Buf allocate(long floats, String name) {
    return d.allocate(floats, name);
  }

  @Override
  public void free(Buf b) {
    d.free(b);
  }

  @Override
  public Buf slice(Buf parent, long offset, long length) {
    return d.slice(parent, offset, length);
  }

  @Override
  public void upload(float[] src, int srcOffset, Buf dst) {
    long t = System.nanoTime();
    d.upload(src, srcOffset, dst);
    other(0, t);
  }

  @Override
  public void download(Buf src, float[] dst, int dstOffset) {
    long t = System.nanoTime();
    d.download(src, dst, dstOffset);
    other(1, t);
  }

  @Override
  public void fill(Buf b, float value) {
    long t = System.nanoTime();
    d.fill(b, value);
    other(2, t);
  }

  @Override
  public long bytesAllocated() {
    return d.bytesAllocated();
  }

  @Override
  public ConvKernel convolution(ConvGeometry geometry) {
    ConvKernel k = d.convolution(geometry);
    return new ConvKernel() {
      public void forward(Buf x, Buf w, Buf y, boolean training) {
        long t = System.nanoTime();
        k.forward(x, w, y, training);
        since(t);
      }

      public void backwardData(Buf dy, Buf w, Buf dx) {
        long t = System.nanoTime();
        k.backwardData(dy, w, dx);
        since(t);
      }

      public void backwardWeights(Buf x, Buf dy, Buf dw) {
        long t = System.nanoTime();
        k.backwardWeights(x, dy, dw);
        since(t);
      }

      public void close() {
        k.close();
      }
    };
  }

  @Override
  public BatchNormKernel batchNorm(String name, ActShape shape, float eps) {
    return timed(d.batchNorm(name, shape, eps));
  }

  @Override
  public BatchNormKernel batchNormRelu(String name, ActShape shape, float eps) {
    BatchNormKernel k = d.batchNormRelu(name, shape, eps);
    return k == null ? null : timed(k);
  }

  private BatchNormKernel timed(BatchNormKernel k) {
    return new BatchNormKernel() {
      public void forwardTraining(Buf x, Buf scaleShift, Buf y, Buf mean, Buf variance) {
        long t = System.nanoTime();
        k.forwardTraining(x, scaleShift, y, mean, variance);
        since(t);
      }

      public void forwardInference(Buf x, Buf scaleShift, Buf mean, Buf variance, Buf y) {
        long t = System.nanoTime();
        k.forwardInference(x, scaleShift, mean, variance, y);
        since(t);
      }

      public void backward(Buf x, Buf mean, Buf variance, Buf dy, Buf scaleShift, Buf dx, Buf dScaleShift) {
        long t = System.nanoTime();
        k.backward(x, mean, variance, dy, scaleShift, dx, dScaleShift);
        since(t);
      }

      public void close() {
        k.close();
      }
    };
  }

  @Override
  public void relu(Buf x, Buf y) {
    long t = System.nanoTime();
    d.relu(x, y);
    other(3, t);
  }

  @Override
  public void reluBackward(Buf y, Buf dy, Buf dx) {
    long t = System.nanoTime();
    d.reluBackward(y, dy, dx);
    other(4, t);
  }

  @Override
  public void add(Buf a, Buf b, Buf out) {
    long t = System.nanoTime();
    d.add(a, b, out);
    other(5, t);
  }

  @Override
  public void accumulate(Buf src, Buf dst) {
    long t = System.nanoTime();
    d.accumulate(src, dst);
    other(6, t);
  }

  @Override
  public void copy(Buf src, Buf dst) {
    long t = System.nanoTime();
    d.copy(src, dst);
    other(7, t);
  }

  @Override
  public void mix(Buf[] encoded, Buf[] masks, ActShape shape, Buf z) {
    long t = System.nanoTime();
    d.mix(encoded, masks, shape, z);
    other(8, t);
  }

  @Override
  public void mixBackward(Buf dz, Buf mask, int members, ActShape shape, Buf dl) {
    long t = System.nanoTime();
    d.mixBackward(dz, mask, members, shape, dl);
    other(9, t);
  }

  @Override
  public void globalAveragePool(Buf x, ActShape shape, Buf features) {
    long t = System.nanoTime();
    d.globalAveragePool(x, shape, features);
    other(10, t);
  }

  @Override
  public void globalAveragePoolBackward(Buf dFeatures, ActShape shape, Buf dx) {
    long t = System.nanoTime();
    d.globalAveragePoolBackward(dFeatures, shape, dx);
    other(11, t);
  }

  @Override
  public double headsForwardBackward(Buf features, int batch, int nIn, int nOut, Buf[] weights, Buf[] biases,
      Buf[] labels, Buf[] exampleWeights, Buf[] dWeights, Buf[] dBiases, Buf dFeatures, Buf scratchLogits) {
    long t = System.nanoTime();
    double loss = d.headsForwardBackward(features, batch, nIn, nOut, weights, biases, labels, exampleWeights,
        dWeights, dBiases, dFeatures, scratchLogits);
    other(12, t);
    return loss;
  }

  @Override
  public void headsForward(Buf features, int batch, int nIn, int nOut, Buf[] weights, Buf[] biases, Buf[] logits) {
    long t = System.nanoTime();
    d.headsForward(features, batch, nIn, nOut, weights, biases, logits);
    other(13, t);
  }

  @Override
  public double nesterovL2(Buf params, Buf grads, Buf momentum, int[] segments, float batch, float l2, float lr,
      float momentumCoefficient) {
    long t = System.nanoTime();
    double squares = d.nesterovL2(params, grads, momentum, segments, batch, l2, lr, momentumCoefficient);
    other(14, t);
    return squares;
  }

  @Override
  public void runningAverage(Buf running, Buf batchStat, float keep) {
    long t = System.nanoTime();
    d.runningAverage(running, batchStat, keep);
    other(15, t);
  }

  @Override
  public void close() {
    d.close();
  }
}
