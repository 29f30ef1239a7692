package io.mixmo.worker.net;

import io.mixmo.worker.net.ops.OpKernels;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Configuration of the MixMo mixing block ({@code docs/mixmo.md} §2.1):
 * z = M · Σ_m μ_m ⊙ l_m, with M encoder outputs l_m [mb, C, h, w] as the first M inputs and M masks
 * μ_m [mb, 1, h, w] (broadcast over channels) as the last M inputs. No parameters.
 *
 * <p>With every μ_m = 1/M this is the inference-time sum z = Σ_m l_m (§2.1, "Inference"). The
 * vertex does not check that the masks sum to 1: the batch generator owns them.
 *
 * <p>Jackson-serialisable (DL4J stores the class name under {@code @class}), so a graph containing
 * it survives {@code ModelSerializer} save/load. Built on driver and executors alike.
 */
public class MixingVertex extends GraphVertex {

  @JsonProperty("members")
  private final int members;

  @JsonCreator
  public MixingVertex(@JsonProperty("members") int members) {
    if (members < 1) {
      throw new IllegalArgumentException("mixing vertex members must be >= 1, found " + members);
    }
    this.members = members;
  }

  public int getMembers() {
    return members;
  }

  @Override
  public MixingVertex clone() {
    return new MixingVertex(members);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MixingVertex v && v.members == members;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(members) * 31 + 7;
  }

  @Override
  public long numParams(boolean backprop) {
    return 0;
  }

  @Override
  public int minVertexInputs() {
    return 2 * members;
  }

  @Override
  public int maxVertexInputs() {
    return 2 * members;
  }

  @Override
  public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name,
      int idx, INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
    return new MixingVertexImpl(graph, name, idx, networkDatatype, members, OpKernels.forNewGraph(networkDatatype));
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType... in) throws InvalidInputTypeException {
    if (in.length != 2 * members) {
      throw new InvalidInputTypeException(
          "mixing vertex needs " + 2 * members + " inputs (M encoders then M masks), found " + in.length);
    }
    InputType.InputTypeConvolutional first = convolutional(in[0], 0);
    for (int i = 0; i < in.length; i++) {
      InputType.InputTypeConvolutional t = convolutional(in[i], i);
      long channels = i < members ? first.getChannels() : 1;
      if (t.getHeight() != first.getHeight() || t.getWidth() != first.getWidth() || t.getChannels() != channels) {
        throw new InvalidInputTypeException("mixing vertex input " + i + " must be " + channels + "x"
            + first.getHeight() + "x" + first.getWidth() + ", found " + t);
      }
    }
    return first;
  }

  private static InputType.InputTypeConvolutional convolutional(InputType t, int index) {
    if (!(t instanceof InputType.InputTypeConvolutional c)) {
      throw new InvalidInputTypeException("mixing vertex input " + index + " must be convolutional, found " + t);
    }
    return c;
  }

  @Override
  public MemoryReport getMemoryReport(InputType... inputTypes) {
    InputType out = getOutputType(-1, inputTypes);
    return new LayerMemoryReport.Builder(null, MixingVertex.class, inputTypes[0], out)
        .standardMemory(0, 0)
        .workingMemory(0, 0, 0, 0)
        .cacheMemory(0, 0)
        .build();
  }

  @Override
  public String toString() {
    return "MixingVertex(members=" + members + ")";
  }
}
