package io.mixmo.worker.bench;

import io.mixmo.worker.batch.BatchSpec;
import io.mixmo.worker.batch.MixedBatchGenerator;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.mixing.MixingSpec;
import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Samples per second of mixed-batch generation ({@link MixedBatchGenerator#batch}) on the calling
 * thread: a warm-up, then a timed loop over consecutive steps and epochs. A sample is one slot of a
 * batch (B per batch, repeats included), the unit a training step consumes.
 *
 * <p>{@code main} measures the setting: 3×32×32 images, M = 2, b = 4, B = 64, crop 4 + flip +
 * CIFAR normalisation, on 2,048 seeded random images; optional argument: timed seconds (default 8,
 * plus a 2 s warm-up). Run with {@code OMP_NUM_THREADS=1} for a one-core figure.
 */
public final class BatchGenerationBenchmark {
  private static final long SEED = 2021;
  /** Receives a value of every batch so the JIT cannot drop the work. */
  private static volatile double blackhole;

  private BatchGenerationBenchmark() {}

  public static void main(String[] args) {
    Duration timed = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 8);
    BatchSpec spec = BatchSpec.cifar(MixingSpec.cutMixMo(2), 10);
    LabeledImages images = randomImages(2048, spec.imageShape(), spec.numClasses());
    Throughput t = measure(spec, images, timed);
    System.out.printf(Locale.ROOT, "mixed-batch generation: %.0f samples/s wall, %.0f samples per CPU-second"
        + " (%d batches in %.1f s; B=%d, b=%d, M=%d, %s, crop %d + flip %.1f, one thread)%n",
        t.perWallSecond(), t.perCpuSecond(), t.samples() / spec.batchSize(), t.wallSeconds(), spec.batchSize(),
        spec.repetition(), spec.members(), spec.imageShape(), spec.augmentation().cropPadding(),
        spec.augmentation().flipProbability());
  }

  /** Samples generated, wall-clock seconds and this thread's CPU seconds of a timed loop. */
  public record Throughput(long samples, double wallSeconds, double cpuSeconds) {
    public double perWallSecond() {
      return samples / wallSeconds;
    }

    /** Robust to other processes sharing the cores: samples per second of this thread's CPU time. */
    public double perCpuSecond() {
      return samples / cpuSeconds;
    }
  }

  /** Wall-clock samples per second of {@link #measure}. */
  public static double samplesPerSecond(BatchSpec spec, LabeledImages images, Duration duration) {
    return measure(spec, images, duration).perWallSecond();
  }

  /**
   * Generates batches on this thread for a warm-up of min(2 s, duration/4), then for
   * {@code duration}, and returns what the timed part produced (B samples per batch).
   */
  public static Throughput measure(BatchSpec spec, LabeledImages images, Duration duration) {
    MixedBatchGenerator generator = new MixedBatchGenerator(images, spec);
    Duration warmUp = duration.dividedBy(4).compareTo(Duration.ofSeconds(2)) < 0
        ? duration.dividedBy(4) : Duration.ofSeconds(2);
    Throughput warm = run(generator, warmUp.toNanos(), 0);
    return run(generator, duration.toNanos(), warm.samples() / spec.batchSize());
  }

  private static Throughput run(MixedBatchGenerator generator, long budgetNanos, long firstBatch) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int steps = generator.stepsPerEpoch();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long batches = 0;
    long now = start;
    while (now - start < budgetNanos) {
      long i = firstBatch + batches;
      MultiDataSet ds = generator.batch(Seeds.derive(SEED, i / steps), (int) (i % steps), 0.5);
      blackhole = ds.getLabelsMaskArray(0).getDouble(0, 0);
      batches++;
      now = System.nanoTime();
    }
    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
    return new Throughput(batches * generator.spec().batchSize(), (now - start) / 1e9, cpu / 1e9);
  }

  /** {@code n} images of seeded random bytes, labels i mod classes. */
  public static LabeledImages randomImages(int n, ImageShape shape, int classes) {
    Rng rng = new Rng(Seeds.derive(SEED, n));
    byte[] pixels = new byte[n * shape.size()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) rng.nextInt(256);
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % classes;
    }
    return LabeledImages.of(shape, classes, pixels, labels);
  }
}
