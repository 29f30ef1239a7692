package io.mixmo.worker.engine;

/**
 * One convolution without bias: input {@code in}, nOut filters k×k, stride s, zero padding
 * top/left/bottom/right (asymmetric padding is how the WRN's strided (0,1,0,1) pad is fused into its
 * convolution). {@code plainInput}: the input is a graph input in plain NCHW (the encoders), whose
 * gradient is never needed. Weights are OIHW, as DL4J keeps them.
 */
public record ConvGeometry(String name, ActShape in, int nOut, int kernel, int stride, int padTop, int padLeft,
    int padBottom, int padRight, boolean plainInput) {

  public ActShape out() {
    int h = (in.height() + padTop + padBottom - kernel) / stride + 1;
    int w = (in.width() + padLeft + padRight - kernel) / stride + 1;
    return new ActShape(in.batch(), nOut, h, w);
  }

  public long weightCount() {
    return (long) nOut * in.channels() * kernel * kernel;
  }

  /** Multiply-adds of one forward pass (for FLOP figures). */
  public long macs() {
    ActShape o = out();
    return o.size() * in.channels() * kernel * kernel;
  }
}
