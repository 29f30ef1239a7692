package io.mixmo.driver.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import io.mixmo.driver.eval.PartitionEvaluation;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.driver.train.PartitionOutcome;
import io.mixmo.driver.train.RoundSlot;
import io.mixmo.driver.train.SliceMean;
import io.mixmo.driver.train.StateSlice;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.metrics.EvaluationAccumulator;
import io.mixmo.worker.train.ModelState;
import io.mixmo.worker.train.ParameterSum;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers the project's classes that travel through Spark's serializer: task results, broadcasts
 * and shuffled image blocks (runs in every JVM that creates a Kryo instance, driver and executors).
 *
 * <p>Classes holding big primitive arrays use Kryo's field serializer (fast); Java records use
 * Kryo's {@link JavaSerializer}, because Kryo 4's field serializer writes final fields by
 * reflection, which Java 17 forbids for records; so does the evaluation accumulator (small, and
 * holding nested exact sums best kept in their own serialised form), and a partition's evaluation
 * (the accumulator and the collected logits) with it.
 */
public final class MixmoKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(LabeledImages.class);
    kryo.register(ModelState.class);
    kryo.register(ParameterSum.class);
    kryo.register(StateSlice.class);
    kryo.register(SliceMean.class);
    kryo.register(PartitionOutcome[].class);
    for (Class<?> record : new Class<?>[] {ImageShape.class, Normalization.class, GraphTemplate.class,
        PartitionOutcome.class, RoundSlot.class, EvaluationAccumulator.class, PartitionEvaluation.class}) {
      kryo.register(record, new JavaSerializer());
    }
  }
}
