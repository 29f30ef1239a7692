package io.mixmo.datasets.bench;

import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.ImageSource;
import io.mixmo.datasets.source.RecordIterator;
import io.mixmo.datasets.source.SkippedRecord;
import io.mixmo.datasets.source.SourceDescription;
import io.mixmo.datasets.source.SourcePart;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;

/**
 * A generated "train" split of {@code count} images of {@code shape} with 10 classes, pixels drawn
 * from {@code Rng(Seeds.derive(seed, index))}: reproducible data of any size for the reader
 * benchmark. Four parts; executor side reads generate on the fly.
 */
final class SyntheticSource implements ImageSource {
  private static final long serialVersionUID = 1L;
  private static final int PARTS = 4;
  private final ImageShape shape;
  private final int count;
  private final long seed;

  SyntheticSource(ImageShape shape, int count, long seed) {
    this.shape = shape;
    this.count = count;
    this.seed = seed;
  }

  @Override
  public SourceDescription describe(Configuration hadoop) {
    List<String> classes = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      classes.add("class" + c);
    }
    return new SourceDescription(classes, shape, List.of("train"));
  }

  @Override
  public List<SourcePart> parts(Configuration hadoop, String split) {
    List<SourcePart> parts = new ArrayList<>();
    for (int p = 0; p < PARTS; p++) {
      parts.add(new SourcePart(split, p, List.of(), (long) count * p / PARTS, (long) count * (p + 1) / PARTS));
    }
    return parts;
  }

  @Override
  public RecordIterator read(Configuration hadoop, SourcePart part, BadRecordPolicy policy) {
    return new RecordIterator() {
      private long next = part.firstRecord();

      @Override
      public boolean hasNext() {
        return next < part.endRecord();
      }

      @Override
      public SourceRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        long i = next++;
        Rng rng = new Rng(Seeds.derive(seed, i));
        byte[] px = new byte[shape.size()];
        for (int k = 0; k < px.length; k++) {
          px[k] = (byte) rng.nextInt(256);
        }
        String id = String.format(java.util.Locale.ROOT, "train/%08d", i);
        return new SourceRecord(id, "train", (int) (i % 10), px, "synthetic#" + i);
      }

      @Override
      public List<SkippedRecord> skipped() {
        return List.of();
      }

      @Override
      public void close() {}
    };
  }
}
