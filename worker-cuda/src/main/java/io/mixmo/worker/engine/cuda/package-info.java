/**
 * The engine's CUDA backend: {@link io.mixmo.worker.engine.cuda.CudaBackend} implements the engine's
 * {@code Backend} on one NVIDIA GPU through JavaCPP's CUDA 13 / cuDNN 9 bindings
 * ({@code org.bytedeco:cuda:13.1-9.19-1.5.13}; NVIDIA's libraries come from the node or image).
 * cuDNN computes convolutions (forward, backward data, backward filter: algorithms chosen once per
 * planned kernel, deterministic ones when asked) and batch normalisation (training, inference,
 * backward) and the global average pooling; cuBLAS the heads' matrix products; the rest — ReLU, the
 * mixing block, the weighted soft cross-entropy, the fused Nesterov + L2 update, padding and other
 * elementwise work — are this package's own kernels ({@code kernels.cu}), compiled at run time by
 * NVRTC for the device in hand (no prebuilt cubins). Buffers are device memory allocated while a
 * program is planned; per step only the batch is uploaded and the loss read back. Parameters,
 * gradients and momentum keep the engine's flat DL4J layouts, so checkpoints and averaging are
 * unchanged. Activations are plain NCHW fp32.
 *
 * <p>Executor side, on the thread that owns the backend (the task thread that the CUDA device binder
 * bound). Not thread-safe. <b>Untested on a GPU:</b> no GPU was available while this was written; it
 * compiles, its kernel source compiles with nvcc 13.0 for sm_75 and sm_90, and {@code bench/gpu-check}
 * is the prepared first run (docs/gpu.md).
 */
package io.mixmo.worker.engine.cuda;
