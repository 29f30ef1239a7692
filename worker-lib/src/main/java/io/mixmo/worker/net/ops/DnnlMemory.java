package io.mixmo.worker.net.ops;

import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_get_size;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_set_data_handle;
import static org.bytedeco.dnnl.global.dnnl.dnnl_success;

import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A oneDNN memory object of a fixed descriptor that is pointed at an ND4J array's buffer for each
 * call ({@link #point}), or owns a buffer oneDNN allocated ({@link #owned}) for data that only the
 * kernels see (e.g. weights in the layout a convolution prefers). No copy is made when pointing.
 * Not thread-safe.
 */
public final class DnnlMemory implements AutoCloseable {
  private static final Pointer ALLOCATE = new Pointer() {
    {
      address = -1L; // DNNL_MEMORY_ALLOCATE
    }
  };

  private final dnnl_memory handle = new dnnl_memory();
  private final Address target = new Address();
  private final long bytes;
  private final String name;

  private DnnlMemory(String name, dnnl_memory_desc_t desc, Pointer data, long arrayBytes) {
    this.name = name;
    this.bytes = arrayBytes;
    Dnnl.check(dnnl_memory_create(handle, desc, Dnnl.engine(), data), name + " memory creation");
  }

  /** Memory that will be pointed at arrays ({@link #point}) before each use. */
  public static DnnlMemory view(String name, dnnl_memory_desc_t desc) {
    return new DnnlMemory(name, desc, null, dnnl_memory_desc_get_size(desc));
  }

  /**
   * Memory for a part of a larger array ({@code desc} a sub-memory descriptor, e.g. the interior of
   * a padded tensor), pointed at the whole array of {@code parentDesc}.
   */
  static DnnlMemory part(String name, dnnl_memory_desc_t desc, dnnl_memory_desc_t parentDesc) {
    return new DnnlMemory(name, desc, null, dnnl_memory_desc_get_size(parentDesc));
  }

  /** Memory with its own buffer, allocated by oneDNN. */
  public static DnnlMemory owned(String name, dnnl_memory_desc_t desc) {
    return new DnnlMemory(name, desc, ALLOCATE, dnnl_memory_desc_get_size(desc));
  }

  /**
   * Points this memory at {@code array}'s elements (float32, dense from its offset on). The array's
   * length must match the descriptor's size: a blocked descriptor and its NCHW-shaped array have
   * the same element count when the channels are a multiple of the block.
   */
  DnnlMemory point(INDArray array) {
    if (array.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException(name + ": oneDNN kernels take float32 arrays, found " + array.dataType());
    }
    if (array.length() * 4 != bytes) {
      throw new IllegalArgumentException(name + ": array of " + array.length() + " floats for a " + bytes
          + "-byte oneDNN memory (shape " + java.util.Arrays.toString(array.shape()) + ")");
    }
    long target = array.data().address() + array.offset() * 4L; // (a field of Pointer is called "address")
    Dnnl.check(dnnl_memory_set_data_handle(handle, new Pointer() {
      {
        address = target;
      }
    }), name + " data handle");
    return this;
  }

  /**
   * Points this memory at native memory from {@code nativeAddress} on, which must hold at least the
   * descriptor's size (the engine's buffers: checked by the caller, who owns their lengths).
   */
  public DnnlMemory pointAt(long nativeAddress, long availableBytes) {
    if (availableBytes < bytes) {
      throw new IllegalArgumentException(name + ": " + availableBytes + " bytes for a " + bytes + "-byte oneDNN memory");
    }
    target.at(nativeAddress);
    int status = dnnl_memory_set_data_handle(handle, target);
    if (status != dnnl_success) {
      Dnnl.check(status, name + " data handle");
    }
    return this;
  }

  /** A reused pointer for {@link #pointAt}, so re-pointing allocates nothing on the Java heap. */
  private static final class Address extends Pointer {
    void at(long nativeAddress) {
      address = nativeAddress;
    }
  }

  /** Releases the memory object (and the buffer of an {@link #owned} memory). */
  @Override
  public void close() {
    dnnl_memory_destroy(handle);
  }

  dnnl_memory handle() {
    return handle;
  }
}
