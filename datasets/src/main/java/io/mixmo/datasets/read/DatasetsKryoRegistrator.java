package io.mixmo.datasets.read;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.data.Normalization;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Lets Kryo carry the reader's blocks. Spark's Kryo 4 cannot build Java records (it fails with
 * "can't get field offset on a record class"), and {@link LabeledImages} holds an
 * {@link ImageShape} record: this registers the records with Java serialisation and
 * {@link LabeledImages} with Kryo's field serializer. Add it to the driver's
 * {@code spark.kryo.registrator} list (comma-separated).
 */
public final class DatasetsKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(ImageShape.class, new JavaSerializer());
    kryo.register(Normalization.class, new JavaSerializer());
    kryo.register(LabeledImages.class);
  }
}
