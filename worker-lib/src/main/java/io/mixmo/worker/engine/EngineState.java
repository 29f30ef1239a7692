package io.mixmo.worker.engine;

/**
 * The engine's flat buffers on its backend: parameters ({@code graph.params()} layout, BN running
 * statistics included), their gradients (same layout) and the Nesterov momentum (the DL4J updater
 * state layout). Allocated once per engine; programs slice them per layer while planning.
 */
final class EngineState {
  final Backend be;
  final ParamLayout layout;
  final Buf params;
  final Buf grads;
  final Buf momentum;

  EngineState(Backend be, ParamLayout layout) {
    this.be = be;
    this.layout = layout;
    this.params = be.allocate(layout.paramCount(), "parameters");
    this.grads = be.allocate(layout.paramCount(), "gradients");
    this.momentum = be.allocate(Math.max(1, layout.momentumCount()), "momentum");
  }

  Buf param(ParamLayout.Layer layer, String name) {
    return be.slice(params, layer.offset(name), layer.length(name));
  }

  Buf grad(ParamLayout.Layer layer, String name) {
    return be.slice(grads, layer.offset(name), layer.length(name));
  }

  Buf slice(Buf b, long offset, long length) {
    return be.slice(b, offset, length);
  }
}
