package io.mixmo.worker.bench;

import io.mixmo.worker.net.ops.ComputeThreads;
import io.mixmo.worker.net.ops.NativeBuild;
import io.mixmo.worker.net.ops.OpConvolution;
import io.mixmo.worker.seed.Rng;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * One convolution layer on its own: C→C 3×3, stride 1, padding 1, B×C×H×W (default 64×64×32×32),
 * forward, and forward + backward (input and weight gradients), with the layers' default kernels.
 * Best of 5 rounds of {@code reps} calls. {@code main [channels] [side] [batch] [threads] [reps]}.
 * Prints a table line and a {@code RESULT} JSON line. A developer tool; runs on the calling thread.
 */
public final class ConvLayerBenchmark {
  private ConvLayerBenchmark() {}

  public static void main(String[] args) {
    int c = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int side = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int b = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    int reps = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    ComputeThreads.useOnThisThread(threads);
    ConvolutionLayer dl4j = new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1)
        .convolutionMode(ConvolutionMode.Truncate).nIn(c).nOut(c).hasBias(false).activation(Activation.IDENTITY)
        .weightInit(WeightInit.RELU).build();
    NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
        .updater(new Sgd(0.1)).layer(OpConvolution.of(dl4j, false)).build();
    long n = conf.getLayer().initializer().numParams(conf);
    Layer layer = conf.getLayer().instantiate(conf, List.of(), 0, Nd4j.create(DataType.FLOAT, 1, n), true, DataType.FLOAT);
    layer.setBackpropGradientsViewArray(Nd4j.create(DataType.FLOAT, 1, n));
    INDArray x = gaussian(new long[] {b, c, side, side}, 1);
    INDArray eps = gaussian(new long[] {b, c, side, side}, 2);
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    double fwd = Double.MAX_VALUE;
    double both = Double.MAX_VALUE;
    for (int round = 0; round < 6; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        layer.setInput(x, mgr);
        layer.activate(true, mgr);
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        layer.setInput(x, mgr);
        layer.activate(true, mgr);
        layer.backpropGradient(eps, mgr);
      }
      long t2 = System.nanoTime();
      if (round > 0) { // the first round builds the kernels
        fwd = Math.min(fwd, (t1 - t0) / 1e6 / reps);
        both = Math.min(both, (t2 - t1) / 1e6 / reps);
      }
    }
    double gflop = 2.0 * b * c * side * side * c * 9 / 1e9;
    System.out.printf(Locale.ROOT, "conv %d->%d 3x3 pad 1, %dx%d, B=%d, %d threads (%s): forward %.1f ms (%.0f GFLOP/s),"
        + " forward+backward %.1f ms (%.0f GFLOP/s)%n", c, c, side, side, b, threads, NativeBuild.describe(), fwd,
        gflop / fwd * 1000, both, 3 * gflop / both * 1000);
    System.out.printf(Locale.ROOT, "RESULT {\"fwd_ms\": %.2f, \"fwd_bwd_ms\": %.2f, \"gflop\": %.3f}%n", fwd, both, gflop);
  }

  private static INDArray gaussian(long[] shape, long seed) {
    Rng rng = new Rng(seed);
    long len = 1;
    for (long s : shape) {
      len *= s;
    }
    float[] v = new float[Math.toIntExact(len)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return Nd4j.create(v, shape, 'c');
  }
}
