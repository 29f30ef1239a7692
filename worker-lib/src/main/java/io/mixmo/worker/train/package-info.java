/**
 * Local training inside one Spark task, and the model state the driver averages.
 *
 * <p>Executor side: {@link io.mixmo.worker.train.LocalTrainer} applies a broadcast
 * {@link io.mixmo.worker.train.ModelState} to the task's {@code ComputationGraph}, runs k SGD steps on
 * mixed batches and captures the new state. Driver and executor side:
 * {@link io.mixmo.worker.train.ParameterSum} is the sum behind parameter averaging (explicit zero,
 * {@code addInPlace} of the replicas in partition order, {@code mean}; in the sharded averaging's
 * reduce tasks and in the driver's collect averaging). {@link io.mixmo.worker.train.TrainingHyperparameters} and
 * {@link io.mixmo.worker.train.LrSchedule} express the reference's optimiser (docs/mixmo.md §3.2,
 * §4.4, §5: Nesterov SGD 0.9, linear warm-up, ×0.1 step decay, explicit L2 on every parameter) in
 * DL4J's terms.
 *
 * <p>Plain Java arrays only in the serialisable state: Java serialisation and Kryo move it without
 * ND4J on the classpath of the serialiser.
 */
package io.mixmo.worker.train;
