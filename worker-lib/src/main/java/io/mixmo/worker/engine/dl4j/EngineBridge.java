package io.mixmo.worker.engine.dl4j;

import io.mixmo.worker.engine.Architecture;
import io.mixmo.worker.engine.Backend;
import io.mixmo.worker.engine.Batch;
import io.mixmo.worker.engine.MixMoEngine;
import io.mixmo.worker.engine.Optimizer;
import io.mixmo.worker.engine.ParamLayout;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.train.ModelState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Builds engines for MixMo graphs and moves state and batches between the two worlds. Everything
 * the engine takes from DL4J goes through here; see the package description.
 */
public final class EngineBridge {
  private EngineBridge() {}

  /** The engine's view of a network spec. */
  public static Architecture architecture(NetworkSpec spec) {
    return new Architecture(spec.backbone(), spec.depth(), spec.width(), spec.members(), spec.numClasses(),
        spec.input().channels(), spec.input().height(), spec.input().width());
  }

  /**
   * An engine for {@code graph} (built by {@code MixMoNetworks.build(spec, …)}) on {@code backend},
   * with the graph's current parameters, updater state and iteration count loaded. The layout is
   * checked against the graph's parameter views; a mismatch is an error naming the parameter.
   */
  public static MixMoEngine engineFor(ComputationGraph graph, NetworkSpec spec, Backend backend) {
    MixMoEngine engine = new MixMoEngine(architecture(spec), backend, optimizer(graph), layerOrder(graph));
    checkLayout(engine.layout(), graph);
    load(engine, ModelState.capture(graph));
    return engine;
  }

  /** The graph's layers in its topological order (the order of {@code graph.params()}). */
  public static List<String> layerOrder(ComputationGraph graph) {
    List<String> names = new ArrayList<>();
    GraphVertex[] vertices = graph.getVertices();
    for (int i : graph.topologicalSortOrder()) {
      if (vertices[i].hasLayer()) {
        names.add(vertices[i].getVertexName());
      }
    }
    return names;
  }

  /**
   * The graph's optimiser: its Nesterov updater (learning rate or schedule, constant momentum) and
   * its one L2 coefficient; anything else (another updater, L1, weight decay, differing L2) is
   * refused, naming the layer. The schedule is asked with the graph's epoch counter at this call
   * (the engine keeps no epoch; {@code LrSchedule} ignores it).
   */
  public static Optimizer optimizer(ComputationGraph graph) {
    Nesterovs nesterovs = null;
    double l2 = -1;
    for (Layer layer : graph.getLayers()) {
      if (!(layer.conf().getLayer() instanceof BaseLayer conf)) {
        continue;
      }
      String name = conf.getLayerName();
      IUpdater u = conf.getIUpdater();
      if (!(u instanceof Nesterovs n)) {
        throw new IllegalArgumentException("engine: layer " + name + " uses updater " + u + "; the engine runs Nesterovs");
      }
      if (n.getMomentumISchedule() != null) {
        throw new IllegalArgumentException("engine: layer " + name + " has a momentum schedule; the engine takes a constant momentum");
      }
      nesterovs = nesterovs == null ? n : nesterovs;
      for (String param : layer.paramTable().keySet()) {
        List<Regularization> regs = conf.getRegularizationByParam(param);
        double c = 0;
        if (regs != null) {
          for (Regularization r : regs) {
            if (!(r instanceof L2Regularization l)) {
              throw new IllegalArgumentException("engine: layer " + name + " parameter " + param + " has " + r
                  + "; the engine applies L2 only");
            }
            c += l.getL2().valueAt(0, 0);
          }
        }
        boolean stats = param.equals("mean") || param.equals("var");
        if (stats) {
          continue;
        }
        if (l2 >= 0 && c != l2) {
          throw new IllegalArgumentException("engine: layer " + name + " parameter " + param + " has L2 " + c
              + " but other parameters " + l2 + "; the engine applies one L2 to every trainable parameter");
        }
        l2 = c;
      }
    }
    if (nesterovs == null) {
      throw new IllegalArgumentException("engine: the graph has no layer with an updater");
    }
    Nesterovs n = nesterovs;
    int epoch = graph.getConfiguration().getEpochCount();
    return new Optimizer(i -> n.getLearningRate(i, epoch), n.getMomentum(), Math.max(l2, 0));
  }

  /** Checks that every engine parameter sits where the graph keeps it (offset and element order). */
  public static void checkLayout(ParamLayout layout, ComputationGraph graph) {
    INDArray flat = graph.params();
    if (flat.length() != layout.paramCount()) {
      throw new IllegalStateException("engine layout has " + layout.paramCount() + " parameters, the graph "
          + flat.length());
    }
    long base = flat.data().address() + flat.offset() * 4;
    for (ParamLayout.Layer l : layout.layers()) {
      Map<String, INDArray> table = graph.getLayer(l.name()).paramTable();
      for (int i = 0; i < l.params().length; i++) {
        INDArray view = table.get(l.params()[i]);
        if (view == null) {
          throw new IllegalStateException("engine layout: graph layer " + l.name() + " has no parameter " + l.params()[i]);
        }
        long offset = (view.data().address() + view.offset() * 4 - base) / 4;
        if (offset != l.offsets()[i] || view.length() != l.lengths()[i]) {
          throw new IllegalStateException("engine layout: " + l.name() + "." + l.params()[i] + " at " + l.offsets()[i]
              + " (" + l.lengths()[i] + ") but the graph keeps it at " + offset + " (" + view.length() + ")");
        }
      }
      if (l.kind() == ParamLayout.Kind.BATCH_NORM) {
        checkBatchNorm(l.name(), graph.getLayer(l.name()).conf().getLayer());
      }
      if (l.kind() == ParamLayout.Kind.DENSE && table.get("W").ordering() != 'f') {
        throw new IllegalStateException("engine layout: dense " + l.name() + ".W must be column-major, found "
            + table.get("W").ordering());
      }
    }
  }

  /** The engine's BN is eps 1e-5, decay 0.9, learned γ/β, variance stored as a variance: refuse anything else. */
  private static void checkBatchNorm(String name, org.deeplearning4j.nn.conf.layers.Layer conf) {
    if (!(conf instanceof BatchNormalization bn) || bn.getEps() != 1e-5 || bn.getDecay() != 0.9 || bn.isUseLogStd()
        || bn.isLockGammaBeta()) {
      throw new IllegalArgumentException("engine: layer " + name + " must be a batch norm with eps 1e-5, decay 0.9, "
          + "learned gamma/beta and useLogStd false (what MixMoNetworks builds), found " + conf);
    }
  }

  /** Loads a state (parameters, updater state, iteration count) into the engine. */
  public static void load(MixMoEngine engine, ModelState state) {
    engine.setState(state.params(), state.updaterState(), state.iterationCount());
  }

  /** The engine's state as a {@code ModelState} ({@code epochCount}: the round's, the engine keeps none). */
  public static ModelState capture(MixMoEngine engine, int epochCount) {
    return new ModelState(engine.params(), engine.momentum(), engine.iteration(), epochCount);
  }

  /** A MixMo {@code MultiDataSet} (features in0.., mask0..; labels y0..; label masks w0..) as an engine batch. */
  public static Batch batch(MultiDataSet ds, int members) {
    int size = (int) ds.getFeatures(0).size(0);
    float[][] images = new float[members][];
    float[][] masks = new float[members][];
    float[][] labels = new float[members][];
    float[][] weights = new float[members][];
    for (int m = 0; m < members; m++) {
      images[m] = ds.getFeatures(m).dup('c').data().asFloat();
      masks[m] = ds.getFeatures(members + m).dup('c').data().asFloat();
      labels[m] = ds.getLabels(m).dup('c').data().asFloat();
      INDArray w = ds.getLabelsMaskArray(m);
      if (w == null) {
        weights[m] = new float[size];
        java.util.Arrays.fill(weights[m], 1f);
      } else {
        weights[m] = w.dup('c').data().asFloat();
      }
    }
    return new Batch(size, images, masks, labels, weights);
  }
}
