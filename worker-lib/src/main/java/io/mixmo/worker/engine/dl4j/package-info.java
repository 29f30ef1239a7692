/**
 * The bridge between the engine ({@code io.mixmo.worker.engine}, DL4J-free) and DL4J: architecture
 * and optimiser read from a MixMo {@code ComputationGraph}, the graph's layer order for the flat
 * layout (checked parameter by parameter against the graph's own views), state moved between a
 * graph, a {@code ModelState} and an engine, and MixMo batches ({@code MultiDataSet}) as engine
 * batches, and the network spec of a loaded graph ({@code GraphSpecs}: a {@code model.zip} records
 * none). The graph stays the model format (saved, loaded, averaged) and the tests' oracle.
 * Executor side ({@code GraphSpecs}: the driver), and tests; not thread-safe with respect to the
 * graph or engine it is given.
 */
package io.mixmo.worker.engine.dl4j;
