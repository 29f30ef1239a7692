/**
 * The CUDA build's device binding (compiled only by the {@code cuda} Maven profile, which adds this
 * source folder and ND4J's CUDA backend): {@link io.mixmo.driver.gpu.cuda.CudaDeviceBinder}, found
 * through {@code META-INF/services/io.mixmo.driver.gpu.DeviceBinder}, checks the host's CUDA 11
 * libraries, reads the device's name and compute capability from the CUDA runtime
 * ({@link io.mixmo.driver.gpu.cuda.CudaDevice}), refuses GPUs the build has no kernels for, and only
 * then lets ND4J start and pins the task thread to the device. Executor side. Not run on a GPU here.
 */
package io.mixmo.driver.gpu.cuda;
