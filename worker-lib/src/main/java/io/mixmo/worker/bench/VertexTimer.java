package io.mixmo.worker.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;

/**
 * Wall time of every vertex's forward and backward pass in a ComputationGraph, summed by kind (the
 * runtime layer or vertex class): the per-layer-type breakdown of the training-step benchmark. It
 * wraps each vertex of the graph's vertex array in a timing proxy, so install it on a graph used only
 * for profiling (native ops are synchronous on the CPU backend, so a vertex's time is its compute).
 * A developer tool; single-threaded like the graph it times.
 */
public final class VertexTimer {
  private final Map<String, long[]> nanos = new TreeMap<>();

  private VertexTimer() {}

  /** Wraps every vertex of {@code graph}; the returned timer accumulates from then on. */
  public static VertexTimer install(ComputationGraph graph) {
    VertexTimer timer = new VertexTimer();
    GraphVertex[] vertices = graph.getVertices();
    for (int i = 0; i < vertices.length; i++) {
      GraphVertex v = vertices[i];
      String kind = v.hasLayer() ? v.getLayer().getClass().getSimpleName() : v.getClass().getSimpleName();
      vertices[i] = (GraphVertex) Proxy.newProxyInstance(VertexTimer.class.getClassLoader(),
          new Class<?>[] {GraphVertex.class}, (proxy, method, args) -> {
            String name = method.getName();
            boolean timed = name.equals("doForward") || name.equals("doBackward");
            long start = System.nanoTime();
            try {
              return method.invoke(v, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            } finally {
              if (timed) {
                timer.nanos.computeIfAbsent(kind, k -> new long[2])[name.equals("doForward") ? 0 : 1] +=
                    System.nanoTime() - start;
              }
            }
          });
    }
    return timer;
  }

  /** Forgets what was timed so far. */
  public void reset() {
    nanos.clear();
  }

  /** kind → {forward ms, backward ms} per step, for {@code steps} steps timed. */
  public Map<String, double[]> perStep(int steps) {
    Map<String, double[]> out = new TreeMap<>();
    nanos.forEach((k, v) -> out.put(k, new double[] {v[0] / 1e6 / steps, v[1] / 1e6 / steps}));
    return out;
  }
}
