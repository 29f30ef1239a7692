package io.mixmo.worker.engine.cuda;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A JavaCPP pointer at a device address, to pass device memory to cuDNN, cuBLAS and cudaMemcpy. It owns
 * nothing (no deallocator) and allocates no native memory: only its {@link CudaBackend} allocates and
 * frees device memory.
 */
final class DevicePtr extends FloatPointer {
  DevicePtr(long address, long floats) {
    super((Pointer) null);
    this.address = address;
    this.capacity = floats;
    this.limit = floats;
  }
}
