package io.mixmo.driver.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixmo.datasets.ingest.Sha256;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.worker.train.ModelState;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <run>/checkpoints/}: one directory per checkpoint, named by its round, holding
 * {@code state.bin} (the format of {@link StateBytes}), {@code checkpoint.json} (round, epoch, sha256,
 * size) and a copy of the run's {@code provenance.json}. States stream to and from {@code state.bin}
 * through one digest each way; no byte copy of a state is held. Driver side, called from the training loop's thread; one writer per run.
 *
 * <p>A checkpoint is written under {@code _tmp-<round>-<uuid>} and renamed to {@code <round>} only
 * when complete, so an interrupted write leaves a temporary directory that readers ignore.
 * {@link #latestComplete()} also verifies the recorded sha256 and skips a checkpoint whose state does
 * not match (a corrupt copy, a truncated upload) or that the file system reports as corrupt (a
 * Hadoop checksum error), falling back to the previous one.
 */
public final class CheckpointStore {
  static final String STATE = "state.bin";
  static final String META = "checkpoint.json";
  static final String TEMP_PREFIX = "_tmp-";
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The content of {@code checkpoint.json}. */
  record Meta(long round, int epoch, String sha256, long bytes, String writtenAt) {}

  private final FileSystem fs;
  private final Path dir;
  private final Path provenance;

  CheckpointStore(FileSystem fs, Path dir, Path provenance) {
    this.fs = fs;
    this.dir = dir;
    this.provenance = provenance;
  }

  public Path directory() {
    return dir;
  }

  /**
   * Writes {@code state} atomically as {@code checkpoints/<round>/}, replacing one of the same round:
   * the state streams into {@code state.bin} through one SHA-256 digest (no byte copy of it is made),
   * and {@code checkpoint.json} records that digest and the size.
   *
   * @return the checkpoint written
   */
  public Checkpoint write(long round, int epoch, ModelState state) throws IOException {
    Path temp = new Path(dir, TEMP_PREFIX + round + "-" + UUID.randomUUID());
    Path target = new Path(dir, Long.toString(round));
    try {
      fs.mkdirs(temp);
      String sha256;
      try (var out = new BufferedOutputStream(fs.create(new Path(temp, STATE), false), 1 << 16)) {
        sha256 = StateBytes.write(state, out);
      }
      Checkpoint checkpoint = new Checkpoint(round, epoch, state, sha256);
      if (fs.exists(provenance)) {
        byte[] copy = HadoopFiles.read(fs, provenance);
        try (var out = fs.create(new Path(temp, RunDirectory.PROVENANCE), false)) {
          out.write(copy);
        }
      }
      Meta meta = new Meta(round, epoch, sha256, StateBytes.size(state), Instant.now().toString());
      try (var out = fs.create(new Path(temp, META), false)) {
        out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
      }
      HadoopFiles.replace(fs, temp, target);
      return checkpoint;
    } catch (IOException | RuntimeException e) {
      fs.delete(temp, true);
      throw e;
    }
  }

  /** The newest checkpoint that is complete and whose state matches its recorded sha256. */
  public Optional<Checkpoint> latestComplete() throws IOException {
    return latestComplete(LOG::warn);
  }

  /**
   * Same, telling {@code skipped} (instead of the log) why each newer checkpoint was passed over, a
   * sentence naming its directory.
   */
  public Optional<Checkpoint> latestComplete(Consumer<String> skipped) throws IOException {
    List<Long> rounds = rounds();
    for (int i = rounds.size() - 1; i >= 0; i--) {
      Optional<Checkpoint> checkpoint = load(rounds.get(i), skipped);
      if (checkpoint.isPresent()) {
        return checkpoint;
      }
    }
    return Optional.empty();
  }

  /** The checkpoint of {@code round} if it is complete and intact; otherwise empty (and a warning logged). */
  public Optional<Checkpoint> load(long round) throws IOException {
    return load(round, LOG::warn);
  }

  private Optional<Checkpoint> load(long round, Consumer<String> skipped) throws IOException {
    Path path = new Path(dir, Long.toString(round));
    String why;
    try {
      Meta meta = JSON.readValue(HadoopFiles.read(fs, new Path(path, META)), Meta.class);
      Path file = new Path(path, STATE);
      long size = fs.getFileStatus(file).getLen();
      String sha256 = "";
      ModelState state = null;
      if (meta.round() == round && meta.bytes() == size) {
        MessageDigest digest = Sha256.digest();
        try (var in = new DigestInputStream(new BufferedInputStream(fs.open(file), 1 << 16), digest)) {
          state = StateBytes.read(in, size);
        }
        sha256 = HexFormat.of().formatHex(digest.digest());
        if (sha256.equals(meta.sha256())) {
          return Optional.of(new Checkpoint(meta.round(), meta.epoch(), state, sha256));
        }
      }
      why = "its " + STATE + " (" + size + " bytes" + (sha256.isEmpty() ? "" : ", sha256 " + sha256)
          + ") does not match " + META + " (round " + meta.round() + ", " + meta.bytes() + " bytes, sha256 "
          + meta.sha256() + ")";
    } catch (FileNotFoundException e) {
      why = "it is incomplete (" + e.getMessage() + ")";
    } catch (ChecksumException e) {
      why = "the file system reports it corrupt (" + e.getMessage() + ")";
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      why = "its " + META + " cannot be read (" + e.getOriginalMessage() + ")";
    } catch (IllegalArgumentException | java.io.EOFException e) {
      why = "its " + STATE + " is not a model state (" + e.getMessage() + ")";
    }
    skipped.accept("skipping checkpoint " + path + ": " + why);
    return Optional.empty();
  }

  /** Rounds of the checkpoint directories present (complete or not verified), ascending; temporaries excluded. */
  public List<Long> rounds() throws IOException {
    List<Long> rounds = new ArrayList<>();
    if (!fs.exists(dir)) {
      return rounds;
    }
    for (FileStatus status : fs.listStatus(dir)) {
      String name = status.getPath().getName();
      if (status.isDirectory() && name.matches("\\d{1,18}")) {
        rounds.add(Long.parseLong(name));
      }
    }
    rounds.sort(Comparator.naturalOrder());
    return rounds;
  }

  /** Deletes all but the newest {@code keep} checkpoints ({@code keep = 0}: keeps all). */
  public void prune(int keep) throws IOException {
    List<Long> rounds = rounds();
    for (int i = 0; keep > 0 && i < rounds.size() - keep; i++) {
      fs.delete(new Path(dir, Long.toString(rounds.get(i))), true);
    }
  }

  /** Deletes the leftovers of interrupted writes; call only when no other writer is active (on resume). */
  public void removeTemporaries() throws IOException {
    if (!fs.exists(dir)) {
      return;
    }
    for (FileStatus status : fs.listStatus(dir)) {
      if (status.getPath().getName().startsWith(TEMP_PREFIX)) {
        fs.delete(status.getPath(), true);
      }
    }
  }
}
