package io.mixmo.driver.train;

import io.mixmo.worker.train.ModelState;
import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import scala.Tuple2;

/**
 * One contiguous slice of one replica's end state, as it travels through the round's shuffle
 * (written by the training task on an executor, read by the reduce task of its slice).
 *
 * <p>A state's values are its parameters followed by its updater state, N = P + U floats; slice j of
 * n covers {@code [N·j/n, N·(j+1)/n)} ({@link #bounds}). The counters travel with every slice so
 * that the reduce can check them as {@code ParameterSum} does; slice 0 also carries the replica's
 * statistics ({@link PartitionOutcome#withoutState()}), which the reduce of slice 0 returns to the
 * driver. A plain class with final fields (not a record): Kryo's field serializer moves its array
 * without Java serialisation.
 */
public final class StateSlice implements Serializable {
  private static final long serialVersionUID = 1L;

  final int replica;
  final int slice;
  final float[] values;
  final long iterationCount;
  final int epochCount;
  /** The replica's statistics, on slice 0 only (null elsewhere). */
  final PartitionOutcome stats;

  StateSlice(int replica, int slice, float[] values, long iterationCount, int epochCount, PartitionOutcome stats) {
    this.replica = replica;
    this.slice = slice;
    this.values = values;
    this.iterationCount = iterationCount;
    this.epochCount = epochCount;
    this.stats = stats;
  }

  /** Slices for a state of {@code values} floats and K replicas: K, or fewer for a state of fewer than K values. */
  static int sliceCount(long values, int k) {
    return (int) Math.min(k, values);
  }

  /** {@code [from, to)} of slice {@code j} of {@code n} over {@code values} floats. */
  static long[] bounds(long values, int j, int n) {
    return new long[] {values * j / n, values * (j + 1) / n};
  }

  /** The slices of {@code out}'s state keyed by slice index, made lazily one at a time (executor side). */
  static Iterator<Tuple2<Integer, StateSlice>> slices(PartitionOutcome out, int n) {
    ModelState s = out.end();
    float[] p = s.params();
    float[] u = s.updaterState();
    long total = (long) p.length + u.length;
    return new Iterator<>() {
      private int j;

      @Override
      public boolean hasNext() {
        return j < n;
      }

      @Override
      public Tuple2<Integer, StateSlice> next() {
        if (!hasNext()) {
          throw new NoSuchElementException("a state has " + n + " slices");
        }
        long[] b = bounds(total, j, n);
        float[] v = new float[(int) (b[1] - b[0])];
        copy(p, u, b[0], v);
        StateSlice slice = new StateSlice(out.partition(), j, v, s.iterationCount(), s.epochCount(),
            j == 0 ? out.withoutState() : null);
        return new Tuple2<>(j++, slice);
      }
    };
  }

  /** Copies {@code dest.length} values of the concatenation {@code p ‖ u} from {@code from} into dest. */
  static void copy(float[] p, float[] u, long from, float[] dest) {
    int f = (int) from;
    int fromP = Math.max(0, Math.min(dest.length, p.length - f));
    if (fromP > 0) {
      System.arraycopy(p, f, dest, 0, fromP);
    }
    if (fromP < dest.length) {
      System.arraycopy(u, f + fromP - p.length, dest, fromP, dest.length - fromP);
    }
  }

  /** Writes {@code src} into the concatenation {@code p ‖ u} from {@code from} (driver side, assembling the mean). */
  static void paste(float[] src, long from, float[] p, float[] u) {
    int f = (int) from;
    int intoP = Math.max(0, Math.min(src.length, p.length - f));
    if (intoP > 0) {
      System.arraycopy(src, 0, p, f, intoP);
    }
    if (intoP < src.length) {
      System.arraycopy(src, intoP, u, f + intoP - p.length, src.length - intoP);
    }
  }
}
