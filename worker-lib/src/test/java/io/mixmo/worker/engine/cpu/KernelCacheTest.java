package io.mixmo.worker.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mixmo.worker.engine.ActShape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel cache's lookups and its least-recently-used limit, with kernels that only record closing. */
class KernelCacheTest {
  private static final class Fake implements KernelCache.Kernel {
    final long length;
    final ActShape shape;
    boolean closed;

    Fake(long length, ActShape shape) {
      this.length = length;
      this.shape = shape;
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public ActShape shape() {
      return shape;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void findsByLengthOrShapeAndNothingElse() {
    try (KernelCache<Fake> byLength = new KernelCache<>(); KernelCache<Fake> byShape = new KernelCache<>()) {
      Fake seven = byLength.add(new Fake(7, null));
      assertSame(seven, byLength.find(7));
      assertNull(byLength.find(8));
      Fake s = byShape.add(new Fake(-1, new ActShape(4, 16, 8, 8)));
      assertSame(s, byShape.find(new ActShape(4, 16, 8, 8)));
      assertNull(byShape.find(new ActShape(4, 16, 8, 4)));
      assertNull(byShape.find(7), "a shape-keyed kernel answers no length lookup");
      assertNull(byLength.find(new ActShape(4, 16, 8, 8)), "a length-keyed kernel answers no shape lookup");
    }
  }

  @Test
  void aKernelUsedRecentlySurvivesAndTheLeastRecentlyUsedIsClosed() {
    List<Fake> made = new ArrayList<>();
    KernelCache<Fake> cache = new KernelCache<>();
    for (int n = 1; n <= KernelCache.KEPT; n++) {
      made.add(cache.add(new Fake(n, null)));
    }
    assertSame(made.get(0), cache.find(1)); // length 1, the oldest, becomes the most recently used
    Fake extra = cache.add(new Fake(KernelCache.KEPT + 1, null));
    assertEquals(KernelCache.KEPT, cache.size());
    assertFalse(made.get(0).closed, "length 1 was just used");
    assertTrue(made.get(1).closed, "length 2 was the least recently used");
    assertNull(cache.find(2));
    assertSame(extra, cache.find(KernelCache.KEPT + 1));
    cache.close();
    assertEquals(0, cache.size());
    for (Fake f : made.subList(2, made.size())) {
      assertTrue(f.closed, "closing the cache closes every kernel it kept, length " + f.length);
    }
    assertTrue(made.get(0).closed && extra.closed);
  }
}
