package io.mixmo.driver.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pointer store on the local file system: generations, the compare-and-swap, damaged files. */
class PointerStoreTest {
  @TempDir Path tmp;

  PointerStore store() {
    return ModelRoot.at(new Configuration(), tmp.toUri().toString()).pointers();
  }

  @Test
  void publishesGenerationsInOrderAndRefusesAStaleBase() throws Exception {
    PointerStore store = store();
    assertThat(store.current()).isEmpty();
    assertThat(store.publish(0, Pointers.pointer(Pointers.runId(1), 0))).map(Pointer::generation).contains(1L);
    assertThat(store.publish(0, Pointers.pointer(Pointers.runId(2), 0))).as("based on nothing, 1 exists").isEmpty();
    assertThat(store.publish(1, Pointers.pointer(Pointers.runId(3), 1))).map(Pointer::generation).contains(2L);
    assertThat(store.current()).map(Pointer::run).contains(Pointers.runId(3));
    assertThat(store.all()).extracting(Pointer::generation).containsExactly(1L, 2L);
    try (var names = Files.list(tmp.resolve(ModelRoot.PROMOTED))) {
      assertThat(names.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
          .as("no temporaries left").containsExactlyInAnyOrder("generation-1.json", "generation-2.json");
    }
  }

  @Test
  void damagedAndTemporaryFilesAreNeverTakenForThePointer() throws Exception {
    PointerStore store = store();
    store.publish(0, Pointers.pointer(Pointers.runId(1), 0));
    Path dir = tmp.resolve(ModelRoot.PROMOTED);
    Files.writeString(dir.resolve("generation-2.json"), "{\"formatVersion\":1,\"generation\":2,\"ru");
    Files.writeString(dir.resolve("._tmp-generation-3-x"), "{}");
    assertThat(store.current()).map(Pointer::generation).contains(1L);
    Optional<Pointer> next = store.publish(1, Pointers.pointer(Pointers.runId(2), 1));
    assertThat(next).as("the damaged name is not reused").map(Pointer::generation).contains(3L);
    assertThat(next.get().decision().generation()).isEqualTo(3);
    assertThat(store.current()).map(Pointer::run).contains(Pointers.runId(2));
  }

  @Test
  void ofManyConcurrentPublishersWithTheSameBaseExactlyOneWins() throws Exception {
    assertThat(ExclusivePublish.isLocal(FileSystem.getLocal(new Configuration()))).isTrue();
    assertThat(ExclusivePublish.isLocal(new RawLocalFileSystem())).isTrue();
    for (int round = 0; round < 5; round++) {
      assertThat(race(store(), 8, round)).as("winners of round " + round).hasSize(1);
    }
    assertThat(store().current()).map(Pointer::generation).contains(5L);
  }

  /** {@code threads} publishers based on the current generation, released at once; returns the winners. */
  static List<Pointer> race(PointerStore store, int threads, int salt) throws Exception {
    long base = store.current().map(Pointer::generation).orElse(0L);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Optional<Pointer>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Pointer p = Pointers.pointer(Pointers.runId(salt * 100 + t + 1), base);
        results.add(pool.submit(() -> {
          start.await();
          return store.publish(base, p);
        }));
      }
      start.countDown();
      List<Pointer> winners = new ArrayList<>();
      for (Future<Optional<Pointer>> r : results) {
        r.get().ifPresent(winners::add);
      }
      return winners;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theLocalFileSystemIsSeenThroughItsChecksumFilter() {
    assertThat(new LocalFileSystem()).isInstanceOf(org.apache.hadoop.fs.FilterFileSystem.class);
    assertThat(ExclusivePublish.isLocal(new LocalFileSystem())).isTrue();
  }
}
