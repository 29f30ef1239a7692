/**
 * The engine's CPU backend: oneDNN (the JavaCPP {@code org.bytedeco:dnnl} build, through the
 * helpers of {@code net.ops}) for the convolutions, the batch normalisations (with the following
 * ReLU fused in), the element-wise work ({@link CpuElementwise}), the mixing block
 * ({@link CpuMixing}) and the pooling ({@link CpuPooling}), on activations in oneDNN's blocked
 * channel layout (nChw16c with AVX-512, else nChw8c) from the encoders to the pooling; Java loops
 * over arrays copied in bulk from the same native buffers for the heads, the fused update and the
 * running averages. Buffers are JavaCPP native allocations made while a program is planned; oneDNN
 * memories are pointed at them once, or re-pointed (without allocating) where a kernel is shared by
 * buffers of one length or shape. Executor side, one thread per backend instance (oneDNN streams and
 * scratch memory are per thread).
 */
package io.mixmo.worker.engine.cpu;
