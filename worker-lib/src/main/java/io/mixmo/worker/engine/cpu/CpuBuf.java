package io.mixmo.worker.engine.cpu;

import io.mixmo.worker.engine.Buf;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A CPU buffer: native float memory (a JavaCPP allocation, or a slice of one) with its address for
 * oneDNN and a {@link FloatBuffer} view for the Java loops. Not thread-safe.
 */
final class CpuBuf implements Buf {
  final FloatPointer owner;
  final FloatBuffer data;
  final long address;
  final int length;

  private CpuBuf(FloatPointer owner, FloatBuffer data, long address, int length) {
    this.owner = owner;
    this.data = data;
    this.address = address;
    this.length = length;
  }

  static CpuBuf allocate(long floats, String name) {
    if (floats < 1 || floats > Integer.MAX_VALUE / 4) {
      throw new IllegalArgumentException("engine buffer " + name + ": " + floats + " floats is outside [1, "
          + Integer.MAX_VALUE / 4 + "]");
    }
    FloatPointer p = new FloatPointer(floats);
    if (p.isNull()) {
      throw new OutOfMemoryError("engine buffer " + name + ": cannot allocate " + floats * 4 + " bytes of native memory");
    }
    Pointer.memset(p, 0, floats * 4);
    FloatBuffer fb = p.asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
    return new CpuBuf(p, fb, p.address(), (int) floats);
  }

  CpuBuf slice(long offset, long length) {
    if (offset < 0 || length < 1 || offset + length > this.length) {
      throw new IllegalArgumentException("slice [" + offset + ", " + (offset + length) + ") of a buffer of " + this.length);
    }
    return new CpuBuf(null, data.slice((int) offset, (int) length), address + 4 * offset, (int) length);
  }

  @Override
  public long length() {
    return length;
  }

  static CpuBuf of(Buf b) {
    if (b instanceof CpuBuf c) {
      return c;
    }
    throw new IllegalArgumentException("not a CPU engine buffer: " + b);
  }
}
