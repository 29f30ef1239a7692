package io.mixmo.driver.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.eval.EvaluationImages;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.net.MixMoInference;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import io.mixmo.worker.train.ModelState;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Pooled graphs stay on the thread that built them: a MixMo graph whose oneDNN kernels ran on one
 * thread crashed the JVM when another thread ran it (oneDNN's library scratchpad is per thread), which
 * Spark 4 triggered by running the next task on another executor thread.
 */
class GraphPoolTest {
  private static final ImageShape SHAPE = new ImageShape(3, 8, 8);

  @Test
  void aThreadGetsBackItsOwnGraphAndAnotherThreadNeverGetsIt() throws Exception {
    ComputationGraph built = MixMoNetworks.build(NetworkSpec.small(2, 4, SHAPE), new OptimizerConfig(new Sgd(0.1), 0));
    GraphTemplate template = GraphTemplate.of("pool-test/" + System.nanoTime(), built);
    ModelState state = ModelState.capture(built);
    LabeledImages images = LabeledImages.of(SHAPE, 4, new byte[10 * SHAPE.size()], new int[10]);
    Normalization norm = new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});

    ComputationGraph mine = GraphPool.borrow(template);
    state.applyTo(mine);
    float first = infer(mine, images, norm);
    GraphPool.giveBack(template, mine);
    assertThat(GraphPool.idle(template.key())).isEqualTo(1);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Object[] seen = other.submit(() -> {
        int idleThere = GraphPool.idle(template.key());
        ComputationGraph theirs = GraphPool.borrow(template);
        state.applyTo(theirs);
        float value = infer(theirs, images, norm);   // with a shared pool, this ran `mine` here: SIGSEGV
        GraphPool.giveBack(template, theirs);
        return new Object[] {idleThere, theirs, value};
      }).get();
      assertThat(seen[0]).isEqualTo(0);
      assertThat(seen[1]).isNotSameAs(mine);
      assertThat((float) seen[2]).isEqualTo(first);
    } finally {
      other.shutdownNow();
    }
    assertThat(GraphPool.borrow(template)).isSameAs(mine);
  }

  private static float infer(ComputationGraph g, LabeledImages images, Normalization norm) {
    float sum = 0;
    for (int from = 0; from < images.size(); from += 7) {   // two batch shapes: 7, then 3
      sum += MixMoInference.memberLogits(g, EvaluationImages.of(images, from, Math.min(images.size(), from + 7), norm))[0]
          .sumNumber().floatValue();
    }
    return sum;
  }
}
