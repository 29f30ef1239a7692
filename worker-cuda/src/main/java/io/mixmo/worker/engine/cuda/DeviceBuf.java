package io.mixmo.worker.engine.cuda;

import io.mixmo.worker.engine.Buf;

/**
 * A float32 buffer in device memory: an allocation of its {@link CudaBackend}, or a slice of one
 * (same memory). {@link #ptr} is created once, so passing it to CUDA allocates nothing. Executor side;
 * not thread-safe.
 */
final class DeviceBuf implements Buf {
  final long address;
  final long length;
  final String name;
  final DevicePtr ptr;

  DeviceBuf(long address, long length, String name) {
    this.address = address;
    this.length = length;
    this.name = name;
    this.ptr = new DevicePtr(address, length);
  }

  @Override
  public long length() {
    return length;
  }

  /** A pointer {@code offset} floats into this buffer (a new handle; no native memory). */
  DevicePtr at(long offset) {
    return new DevicePtr(address + 4 * offset, length - offset);
  }

  static DeviceBuf of(Buf b) {
    if (b instanceof DeviceBuf d) {
      return d;
    }
    throw new IllegalArgumentException("the CUDA backend was handed a buffer of another backend: " + b);
  }

  @Override
  public String toString() {
    return name + " [" + length + " floats @0x" + Long.toHexString(address) + "]";
  }
}
