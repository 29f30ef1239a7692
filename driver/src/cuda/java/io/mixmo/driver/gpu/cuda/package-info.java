/**
 * The CUDA build's device binding (compiled only by the {@code cuda} Maven profile, which adds this
 * source folder and nests the engine's CUDA backend with JavaCPP 1.5.13 and the CUDA 13 presets under
 * {@code mixmo-cuda/} in the jar): {@link io.mixmo.driver.gpu.cuda.CudaDeviceBinder}, found through
 * {@code META-INF/services/io.mixmo.driver.gpu.DeviceBinder}, runs the GPU preflight with the real
 * device probe and makes the device the task thread's current CUDA device. Executor side. Not run on
 * a GPU here: none was available.
 */
package io.mixmo.driver.gpu.cuda;
