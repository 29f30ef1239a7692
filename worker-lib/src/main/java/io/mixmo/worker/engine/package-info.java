/**
 * The MixMo training step as one planned program over flat buffers, outside DL4J's graph machinery
 * ({@code docs/engine.md}). From an {@link io.mixmo.worker.engine.Architecture}, a batch size and a
 * {@link io.mixmo.worker.engine.Backend}, a {@link io.mixmo.worker.engine.Program} is built once:
 * every activation, gradient and scratch buffer allocated, every kernel planned; each step then
 * only runs it. Parameters, gradients and Nesterov momentum live in flat buffers laid out as DL4J
 * lays out {@code graph.params()} and its updater state ({@link io.mixmo.worker.engine.ParamLayout}),
 * so checkpoints, averaging and {@code model.zip} are unchanged.
 *
 * <p>This package depends on neither Spark nor ND4J/DL4J (plain Java, float arrays in and out):
 * backends implement {@link io.mixmo.worker.engine.Backend} ({@code engine.cpu}: oneDNN on the CPU);
 * {@code engine.dl4j} bridges to DL4J graphs, batches and {@code ModelState}. Runs on executors
 * (training, evaluation, prediction) on the thread that owns the engine; nothing here is thread-safe.
 */
package io.mixmo.worker.engine;
