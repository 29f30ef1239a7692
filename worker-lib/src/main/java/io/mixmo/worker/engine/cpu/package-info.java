/**
 * The engine's CPU backend: oneDNN (the JavaCPP {@code org.bytedeco:dnnl} build, through the
 * helpers of {@code net.ops}) for the convolutions and batch normalisations, on activations in
 * oneDNN's blocked channel layout (nChw16c with AVX-512, else nChw8c) from the encoders to the
 * pooling; plain Java loops over the same native buffers for the element-wise work, the mixing
 * block, the pooling, the heads and the fused update. Buffers are JavaCPP native allocations made
 * while a program is planned; oneDNN memories are pointed at them once. Executor side, one thread
 * per backend instance (oneDNN streams and scratch memory are per thread).
 */
package io.mixmo.worker.engine.cpu;
