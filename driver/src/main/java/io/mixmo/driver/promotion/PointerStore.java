package io.mixmo.driver.promotion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.support.HadoopFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <root>/promoted/}: one file per generation, {@code generation-<n>.json}, never rewritten or
 * deleted. The promoted model is the highest generation whose file is a valid {@link Pointer}
 * (a damaged file is logged and passed over; one naming another model than its run's is refused,
 * exit code 3). Driver side; any number of readers and writers, in any processes.
 */
public final class PointerStore {
  static final String PREFIX = "generation-";
  static final String SUFFIX = ".json";
  private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,18})" + Pattern.quote(SUFFIX));
  private static final Logger LOG = LoggerFactory.getLogger(PointerStore.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final FileSystem fs;
  private final Path dir;

  PointerStore(FileSystem fs, Path dir) {
    this.fs = fs;
    this.dir = dir;
  }

  public Path directory() {
    return dir;
  }

  /** The promoted model: the valid pointer of the highest generation; empty when there is none. */
  public Optional<Pointer> current() throws IOException {
    List<Long> generations = generations();
    for (int i = generations.size() - 1; i >= 0; i--) {
      Optional<Pointer> pointer = read(generations.get(i));
      if (pointer.isPresent()) {
        return pointer;
      }
    }
    return Optional.empty();
  }

  /** Every valid pointer, oldest first. */
  public List<Pointer> all() throws IOException {
    List<Pointer> out = new ArrayList<>();
    for (long g : generations()) {
      read(g).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Publishes {@code pointer} as the next generation if the promoted generation is still
   * {@code basedOn} (0: none); returns the published pointer, or empty when another run has published
   * since (the compare-and-swap failed, nothing was changed). The file is written whole under a
   * temporary name first, then given its generation's name only if that name is free.
   */
  public Optional<Pointer> publish(long basedOn, Pointer pointer) throws IOException {
    long target = highestName() + 1;
    Pointer next = withGeneration(pointer, target);
    Path temp = new Path(dir, "._tmp-" + PREFIX + target + "-" + UUID.randomUUID());
    fs.mkdirs(dir);
    try {
      try (FSDataOutputStream out = fs.create(temp, false)) {
        out.write(JSON.writeValueAsBytes(next));
      }
      long promoted = current().map(Pointer::generation).orElse(0L);
      if (promoted != basedOn || highestName() != target - 1) {
        return Optional.empty();
      }
      return ExclusivePublish.publish(fs, temp, file(target)) ? Optional.of(next) : Optional.empty();
    } finally {
      fs.delete(temp, false);
    }
  }

  Path file(long generation) {
    return new Path(dir, PREFIX + generation + SUFFIX);
  }

  /** The highest generation number that has a file, valid or not (0: none). */
  long highestName() throws IOException {
    List<Long> generations = generations();
    return generations.isEmpty() ? 0 : generations.get(generations.size() - 1);
  }

  private List<Long> generations() throws IOException {
    List<Long> out = new ArrayList<>();
    if (!fs.exists(dir)) {
      return out;
    }
    for (FileStatus status : fs.listStatus(dir)) {
      Matcher m = NAME.matcher(status.getPath().getName());
      if (status.isFile() && m.matches()) {
        out.add(Long.parseLong(m.group(1)));
      }
    }
    out.sort(null);
    return out;
  }

  private Optional<Pointer> read(long generation) throws IOException {
    Path file = file(generation);
    try {
      byte[] bytes = HadoopFiles.read(fs, file);
      requireOwnModel(file, JSON.readTree(bytes));
      Pointer pointer = JSON.treeToValue(JSON.readTree(bytes), Pointer.class);
      if (pointer.generation() != generation) {
        throw new IllegalArgumentException("it says generation " + pointer.generation());
      }
      return Optional.of(pointer);
    } catch (java.io.FileNotFoundException e) {
      return Optional.empty();
    } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
      LOG.warn("passing over the damaged promotion pointer {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * A pointer that names any file but its own run's {@code runs/<run>/model.zip} is not damaged but
   * wrong (a hand edit, or an attempt to have another file's hash vouch for the run's model): refused,
   * naming the file, rather than passed over for an older generation.
   */
  private static void requireOwnModel(Path file, com.fasterxml.jackson.databind.JsonNode json) {
    com.fasterxml.jackson.databind.JsonNode model = json.path("model");
    com.fasterxml.jackson.databind.JsonNode run = json.path("run");
    if (model.isTextual() && run.isTextual() && ModelRoot.isRunId(run.asText())
        && !model.asText().equals(ModelRoot.modelOf(run.asText()))) {
      throw new BadInputException("the promotion pointer " + file + " names model '" + model.asText()
          + "', not its own run's " + ModelRoot.modelOf(run.asText()) + ": a pointer may only name its run's"
          + " model.zip under the model root; restore the file, or remove it to fall back to the generation before");
    }
  }

  private static Pointer withGeneration(Pointer p, long generation) {
    Decision d = p.decision();
    Decision promoted = new Decision(d.formatVersion(), d.run(), Outcome.PROMOTED, d.reasons(), generation,
        d.basedOnGeneration(), d.incumbentRun(), d.candidate(), d.incumbent(), d.gate(), d.dataset(), d.split(),
        d.decidedAt());
    return new Pointer(p.formatVersion(), generation, p.run(), p.model(), p.modelSha256(), p.modelBytes(),
        p.promotedAt(), promoted);
  }
}
