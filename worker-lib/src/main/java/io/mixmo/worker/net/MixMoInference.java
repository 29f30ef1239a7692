package io.mixmo.worker.net;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Inference with a MixMo graph ({@code docs/mixmo.md} §1.1, §2.1 "Inference"): the same
 * image goes to every encoder and every mask is 1/M, so the mixing vertex gives z = Σ_m l_m; the
 * ensemble logits are the mean of the members' logits and the ensemble probability is their softmax.
 *
 * <p>Runs wherever a graph is evaluated (executors in distributed evaluation, the driver for
 * prediction). Uses the graph in inference mode (BatchNorm running statistics). Not thread-safe
 * with respect to the graph, as DL4J graphs are not.
 */
public final class MixMoInference {
  private MixMoInference() {}

  /** The M members' logits [mb, classes] for images [mb, C, H, W]. */
  public static INDArray[] memberLogits(ComputationGraph graph, INDArray images) {
    int members = graph.getNumOutputArrays();
    long mb = images.size(0);
    long[] hw = maskSize(graph, images);
    INDArray[] features = new INDArray[2 * members];
    INDArray mask = Nd4j.valueArrayOf(new long[] {mb, 1, hw[0], hw[1]}, 1.0 / members, images.dataType());
    List<String> names = new ArrayList<>();
    for (int m = 0; m < members; m++) {
      features[m] = images;
      features[members + m] = mask;
      names.add(MixMoGraphNames.logits(m));
    }
    return graph.output(names, false, features, null);
  }

  /** {h, w} of the encoders' output for these images, from encoder 0's kernel, stride and padding. */
  static long[] maskSize(ComputationGraph graph, INDArray images) {
    ConvolutionLayer enc = (ConvolutionLayer) graph.getLayer(MixMoGraphNames.encoder(0)).conf().getLayer();
    long[] out = new long[2];
    for (int d = 0; d < 2; d++) {
      out[d] = (images.size(2 + d) + 2L * enc.getPadding()[d] - enc.getKernelSize()[d]) / enc.getStride()[d] + 1;
    }
    return out;
  }

  /** Mean of the members' logits. */
  public static INDArray ensembleLogits(INDArray[] memberLogits) {
    INDArray sum = memberLogits[0].dup();
    for (int m = 1; m < memberLogits.length; m++) {
      sum.addi(memberLogits[m]);
    }
    return sum.divi(memberLogits.length);
  }

  public static INDArray ensembleLogits(ComputationGraph graph, INDArray images) {
    return ensembleLogits(memberLogits(graph, images));
  }

  /** softmax(mean of the members' logits), row by row. */
  public static INDArray ensembleProbabilities(ComputationGraph graph, INDArray images) {
    return Transforms.softmax(ensembleLogits(graph, images), false);
  }
}
