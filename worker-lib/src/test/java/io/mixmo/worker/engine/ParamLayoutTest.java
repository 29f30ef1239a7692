package io.mixmo.worker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.engine.dl4j.EngineBridge;
import io.mixmo.worker.net.Backbone;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.train.ModelState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The engine's flat layout against the DL4J graph's: laid out in the graph's layer order, every
 * parameter sits at the graph's offset and the parameter and momentum lengths are the graph's. The
 * engine's own assembly order is the graph's for SMALL and PreActResNet-18 but not for WRN (DL4J's
 * topological sort places a block's shortcut convolution before or after its first BN depending on
 * the block), so a DL4J-free user must carry the layer order with the state.
 */
class ParamLayoutTest {
  static Stream<NetworkSpec> networks() {
    return Stream.of(
        NetworkSpec.small(2, 10, new ImageShape(3, 32, 32)),
        NetworkSpec.small(3, 10, new ImageShape(3, 32, 32)),
        new NetworkSpec(Backbone.WRN, 10, 1, 2, 10, new ImageShape(3, 32, 32), 1L, DataType.FLOAT),
        NetworkSpec.wrn(16, 4, 2, 10),
        NetworkSpec.preActResNet18(1, 2, 10));
  }

  @ParameterizedTest
  @MethodSource("networks")
  void inTheGraphsLayerOrderEveryOffsetMatches(NetworkSpec spec) {
    ComputationGraph g = EngineEquivalenceTest.graph(spec);
    Topology t = Topology.of(EngineBridge.architecture(spec));
    List<String> declared = new ArrayList<>();
    t.layers.forEach(l -> declared.add(l.name()));
    List<String> graphOrder = new ArrayList<>(EngineBridge.layerOrder(g));
    graphOrder.retainAll(declared);
    assertEquals(declared.size(), graphOrder.size());
    if (spec.backbone() != Backbone.WRN) {
      assertEquals(graphOrder, declared);
    }
    ParamLayout layout = ParamLayout.of(t.layers, EngineBridge.layerOrder(g));
    EngineBridge.checkLayout(layout, g);
    ModelState s = ModelState.capture(g);
    assertEquals(s.params().length, layout.paramCount());
    assertEquals(s.updaterState().length, layout.momentumCount());
  }

  @Test
  void aLayoutThatDiffersFromTheGraphIsRefusedNamingTheParameter() {
    NetworkSpec spec = NetworkSpec.small(2, 10, new ImageShape(3, 32, 32));
    ComputationGraph g = EngineEquivalenceTest.graph(spec);
    Topology t = Topology.of(EngineBridge.architecture(spec));
    List<String> order = new ArrayList<>(EngineBridge.layerOrder(g));
    java.util.Collections.swap(order, 0, 1); // enc0 and enc1 swapped: same sizes, other offsets
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> EngineBridge.checkLayout(ParamLayout.of(t.layers, order), g));
    org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(".W at");
  }
}
