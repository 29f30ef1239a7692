package io.mixmo.datasets.source.cifar;

import static io.mixmo.datasets.source.support.Fixtures.readSplit;
import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.SourceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** However a data file is cut into record ranges, the parts read back every record once, in file order. */
class CifarPartsProperties {
  @Property(tries = 25)
  void rangePartsCoverEveryRecordOnceInOrder(@ForAll @IntRange(min = 0, max = 23) int records,
      @ForAll @IntRange(min = 1, max = 9) int perPart) throws Exception {
    Path dir = Files.createTempDirectory("cifar-parts");
    try {
      int[] labels = CifarFiles.labels(records, 4, 100);
      int[] coarse = CifarFiles.labels(records, 5, 20);
      Files.write(dir.resolve("train.bin"), CifarFiles.cifar100(0, coarse, labels));
      Files.write(dir.resolve("test.bin"), CifarFiles.cifar100(1, new int[0], new int[0]));
      CifarSource source = new CifarSource(dir.toUri().toString(), CifarVariant.CIFAR100, CifarLabels.FINE, perPart);
      assertThat(source.parts(io.mixmo.datasets.source.support.Fixtures.hadoop(), "train"))
          .hasSize(Math.max(1, (records + perPart - 1) / perPart));
      List<SourceRecord> read = readSplit(source, "train", BadRecordPolicy.FAIL).records();
      assertThat(read).hasSize(records);
      for (int i = 0; i < records; i++) {
        assertThat(read.get(i).id()).isEqualTo("cifar100/train/train/" + i);
        assertThat(read.get(i).label()).isEqualTo(labels[i]);
        assertThat(read.get(i).pixels()).isEqualTo(CifarFiles.pixels(0, i));
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
