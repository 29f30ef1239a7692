package io.mixmo.worker.engine;

/**
 * A batch normalisation planned once for one activation shape. {@code scaleShift} is γ then β (C
 * each, adjacent: how DL4J lays them out); mean and variance are C floats; the variance is the
 * biased batch variance (what the DL4J graph keeps in its running statistics). Not thread-safe.
 */
public interface BatchNormKernel extends AutoCloseable {
  /** y = γ·(x − μ_B)/√(σ²_B + ε) + β; writes the batch mean and variance. */
  void forwardTraining(Buf x, Buf scaleShift, Buf y, Buf mean, Buf variance);

  /** y with the given (running) statistics. */
  void forwardInference(Buf x, Buf scaleShift, Buf mean, Buf variance, Buf y);

  /** dx and dγ, dβ (into {@code dScaleShift}) through the batch statistics. */
  void backward(Buf x, Buf mean, Buf variance, Buf dy, Buf scaleShift, Buf dx, Buf dScaleShift);

  @Override
  void close();
}
