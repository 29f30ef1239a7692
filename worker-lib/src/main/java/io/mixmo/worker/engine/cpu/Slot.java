package io.mixmo.worker.engine.cpu;

import io.mixmo.worker.net.ops.DnnlMemory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;

/**
 * A oneDNN memory bound to a primitive argument, re-pointed only when the buffer passed changes (the
 * engine passes the same buffers every step, so steady-state steps point nothing and allocate
 * nothing). Not thread-safe.
 */
final class Slot implements AutoCloseable {
  final DnnlMemory memory;
  private long address = -1;

  Slot(String name, dnnl_memory_desc_t desc) {
    this.memory = DnnlMemory.view(name, desc);
  }

  void at(CpuBuf b) {
    if (b.address != address) {
      memory.pointAt(b.address, 4L * b.length);
      address = b.address;
    }
  }

  @Override
  public void close() {
    memory.close();
  }
}
