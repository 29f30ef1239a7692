package io.mixmo.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.worker.seed.Rng;
import io.mixmo.worker.seed.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Merging the partials of any split, in any order, gives exactly the whole evaluation. */
class EvaluationMergeTest {
  private static final int EXAMPLES = 40;

  @Property(tries = 60)
  void mergeOfAnySplitEqualsTheWhole(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4) int members,
      @ForAll @IntRange(min = 2, max = 7) int classes,
      @ForAll @Size(max = 6) List<@IntRange(min = 0, max = EXAMPLES) Integer> cuts) {
    Rng rng = new Rng(Seeds.derive(seed, members, classes));
    float[][][] logits = new float[EXAMPLES][members][classes];
    int[] labels = new int[EXAMPLES];
    for (int i = 0; i < EXAMPLES; i++) {
      labels[i] = rng.nextInt(classes);
      for (int m = 0; m < members; m++) {
        for (int c = 0; c < classes; c++) {
          // multiples of 0.5 in [-2, 2]: ties, shared errors and N00 = 0 pairs all happen
          logits[i][m][c] = 0.5f * (rng.nextInt(9) - 4);
        }
      }
    }
    EvaluationAccumulator whole = EvaluationAccumulator.zero(members, classes);
    for (int i = 0; i < EXAMPLES; i++) {
      whole.addInPlace(logits[i], labels[i]);
    }

    List<Integer> bounds = new ArrayList<>(new TreeSet<>(cuts));
    bounds.add(0, 0);
    bounds.add(EXAMPLES);
    List<EvaluationAccumulator> parts = new ArrayList<>();
    for (int p = 0; p + 1 < bounds.size(); p++) {
      EvaluationAccumulator part = EvaluationAccumulator.zero(members, classes);
      for (int i = bounds.get(p); i < bounds.get(p + 1); i++) {
        part.addInPlace(logits[i], labels[i]);
      }
      parts.add(part);
    }
    EvaluationAccumulator merged = EvaluationAccumulator.zero(members, classes);
    for (int p : rng.permutation(parts.size())) {
      merged.mergeInPlace(parts.get(p));
    }

    assertThat(merged.count()).isEqualTo(EXAMPLES);
    assertThat(merged.report()).isEqualTo(whole.report());
  }
}
