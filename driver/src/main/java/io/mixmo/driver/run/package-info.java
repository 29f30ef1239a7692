/**
 * The run directory on any Hadoop URI (file://, hdfs://, s3a://, abfs://, gs://), driver side:
 * {@code config.yaml}, {@code provenance.json}, {@code metrics.jsonl}, {@code checkpoints/<round>/},
 * {@code model.zip}, {@code evaluation.json}; saved models on any URI ({@link io.mixmo.driver.run.ModelArchive},
 * {@link io.mixmo.driver.run.ModelFiles}); and the narrow interfaces the runners implement
 * ({@link io.mixmo.driver.run.TrainingRunner} and friends). File operations go through the datasets
 * module's {@code HadoopFiles}.
 *
 * <p>Figures: {@link io.mixmo.driver.run.EvaluationFigures} is the one typed record of an
 * evaluation's figures; it is what {@code evaluation.json} binds to (both ways), what a
 * {@link io.mixmo.driver.run.ModelScorer} returns, and what the promotion gate, the run summary and
 * the report's table read. It alone knows the JSON field names.
 *
 * <p>Atomicity: every file is written under a temporary name in the same directory and renamed into
 * place; a checkpoint is a directory written under {@code checkpoints/_tmp-*} and renamed to its
 * round number once complete, with the sha256 of its state recorded inside, so a reader never takes
 * a half-written or corrupt checkpoint ({@link io.mixmo.driver.run.CheckpointStore#latestComplete()}).
 *
 * <p>Metrics: object stores and HDFS make appends awkward, so {@link io.mixmo.driver.run.MetricsLog}
 * keeps the log in memory and rewrites {@code metrics.jsonl} atomically when flushed (at
 * checkpoints, epoch ends, close, and at most every 30 s when lines are appended). A crash loses at
 * most the lines since the last flush; on resume the lines after the checkpoint's round are dropped,
 * so a resumed run's log reads as if it had never stopped.
 */
package io.mixmo.driver.run;
