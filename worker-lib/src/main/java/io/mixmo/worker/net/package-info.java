/**
 * The MixMo network (Ramé, Sun, Cord, ICCV 2021; {@code docs/mixmo.md} §1, §2.1, §3) as a DL4J
 * {@link org.deeplearning4j.nn.graph.ComputationGraph}.
 *
 * <p>Graph conventions (the API contract): inputs {@code in0..in{M-1}} (images, NCHW) then
 * {@code mask0..mask{M-1}} ([mb, 1, h, w] at the encoders' output resolution); M encoders
 * {@code enc0..}; the mixing vertex {@code mix} computes z = M·Σ_m mask_m ⊙ enc_m(in_m); a shared
 * core ends in the {@code features} vertex; heads {@code logits_m} = {@code DenseLayer(identity)}
 * and outputs {@code head_m} = {@code LossLayer(MCXENT, softmax)}, whose label masks carry the
 * per-example loss weights w_m (so each head scores w·CE(softmax(z))).
 *
 * <p>{@link io.mixmo.worker.net.MixMoNetworks} builds the graph (driver and executors alike: the
 * driver builds it once to initialise, every executor rebuilds it from the same
 * {@link io.mixmo.worker.net.NetworkSpec} and receives parameters); {@link
 * io.mixmo.worker.net.MixMoInference} evaluates it (same image to every encoder, masks 1/M).
 */
package io.mixmo.worker.net;
