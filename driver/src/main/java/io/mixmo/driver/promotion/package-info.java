/**
 * Retraining under a model root (driver side): successive runs, the promoted model, the quality
 * gate and the promotion log on any Hadoop URI.
 *
 * <pre>
 * &lt;root&gt;/runs/&lt;yyyyMMdd'T'HHmmss'Z'&gt;-&lt;id&gt;/   one run directory per run (the usual layout) + promotion.json
 * &lt;root&gt;/promoted/generation-&lt;n&gt;.json        the pointer: the highest valid generation is the promoted model
 * &lt;root&gt;/promotion-log/&lt;run&gt;.json             one decision per run: outcome, reasons, both sets of figures
 * </pre>
 *
 * <p>Atomicity: a pointer file is written whole under a temporary name and published under the next
 * generation's name only if that name is free ({@link io.mixmo.driver.promotion.ExclusivePublish}:
 * a hard link on a local file system, a rename that refuses an existing target on HDFS), so a reader
 * sees the previous pointer or the new one, never a mix, and a pointer names a run whose
 * {@code model.zip} was complete before it was published. Pointer files are never rewritten or
 * deleted. Two runs that gated against the same generation cannot both publish (a compare-and-swap
 * on the generation number, {@link io.mixmo.driver.promotion.PointerStore#publish}); the loser is
 * recorded as superseded. A driver lost after publishing but before recording its decision is
 * repaired by the next run ({@link io.mixmo.driver.promotion.Promoter}: the log is rebuilt from the
 * pointers). Object stores without an exclusive rename (S3) do not give the compare-and-swap: there,
 * runs must not overlap (the chart's schedule forbids concurrent runs).
 */
package io.mixmo.driver.promotion;
