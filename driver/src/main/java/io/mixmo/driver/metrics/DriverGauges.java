package io.mixmo.driver.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The latest training figures of this driver, as the gauges of {@link MixmoMetricsPlugin} publish
 * them: global round (rounds completed), epoch (1-based, in progress), the last round's mean loss,
 * images/s and synchronisation share, the last evaluation's ensemble top-1 / NLL / ECE, and the
 * promotion outcome ({@link #PROMOTION_NONE} until the model root's gate has decided) with the
 * promoted generation.
 *
 * <p>One board per driver JVM ({@link #current()}): Spark builds the plugin by class name, so a
 * shared board is the only way to hand it values. Writers are the driver's main thread (training loop,
 * gate); readers are the metrics system's threads. Each value is read and written atomically; a
 * reader may see a round's loss with the previous round's images/s. Figures not yet known read NaN
 * (Prometheus accepts NaN). {@link #reset()} is called when a Spark context starts, so a second
 * run in the same JVM does not show the first run's figures.
 */
public final class DriverGauges {
  public static final int PROMOTION_NONE = 0;
  public static final int PROMOTION_PROMOTED = 1;
  public static final int PROMOTION_REJECTED = 2;
  public static final int PROMOTION_SUPERSEDED = 3;
  private static final DriverGauges CURRENT = new DriverGauges();

  private final AtomicLong globalRound = new AtomicLong();
  private final AtomicLong epoch = new AtomicLong();
  private final AtomicLong lastLoss = new AtomicLong();
  private final AtomicLong imagesPerSecond = new AtomicLong();
  private final AtomicLong syncShare = new AtomicLong();
  private final AtomicLong evalTop1 = new AtomicLong();
  private final AtomicLong evalNll = new AtomicLong();
  private final AtomicLong evalEce = new AtomicLong();
  private final AtomicLong promotion = new AtomicLong();
  private final AtomicLong generation = new AtomicLong();

  /** A board of its own (tests, embedding); the plugin reads {@link #current()}. */
  public DriverGauges() {
    reset();
  }

  /** This JVM's board. */
  public static DriverGauges current() {
    return CURRENT;
  }

  /** Back to "nothing known yet". */
  public void reset() {
    globalRound.set(0);
    epoch.set(0);
    for (AtomicLong d : new AtomicLong[] {lastLoss, imagesPerSecond, syncShare, evalTop1, evalNll, evalEce}) {
      d.set(Double.doubleToLongBits(Double.NaN));
    }
    promotion.set(PROMOTION_NONE);
    generation.set(0);
  }

  /** After a round: {@code roundsDone} rounds completed, in 1-based epoch {@code epoch}. */
  public void onRound(long roundsDone, int epoch, double loss, double imagesPerSecond, double syncShare) {
    this.globalRound.set(roundsDone);
    this.epoch.set(epoch);
    setDouble(this.lastLoss, loss);
    setDouble(this.imagesPerSecond, imagesPerSecond);
    setDouble(this.syncShare, syncShare);
  }

  /** After an evaluation of the model being trained. */
  public void onEvaluation(double ensembleTop1, double nll, double ece) {
    setDouble(evalTop1, ensembleTop1);
    setDouble(evalNll, nll);
    setDouble(evalEce, ece);
  }

  /** After the gate's decision: one of the {@code PROMOTION_*} codes, and the promoted generation (0 = none). */
  public void onPromotion(int outcome, long promotedGeneration) {
    promotion.set(outcome);
    generation.set(promotedGeneration);
  }

  /** Gauge name → value reader, in publication order (the plugin registers these). */
  public Map<String, Supplier<Number>> readers() {
    Map<String, Supplier<Number>> out = new LinkedHashMap<>();
    out.put("globalRound", globalRound::get);
    out.put("epoch", epoch::get);
    out.put("lastRoundLoss", () -> getDouble(lastLoss));
    out.put("imagesPerSecond", () -> getDouble(imagesPerSecond));
    out.put("syncShare", () -> getDouble(syncShare));
    out.put("evalEnsembleTop1", () -> getDouble(evalTop1));
    out.put("evalNll", () -> getDouble(evalNll));
    out.put("evalEce", () -> getDouble(evalEce));
    out.put("promotionOutcome", promotion::get);
    out.put("promotedGeneration", generation::get);
    return out;
  }

  private static void setDouble(AtomicLong cell, double value) {
    cell.set(Double.doubleToLongBits(value));
  }

  private static double getDouble(AtomicLong cell) {
    return Double.longBitsToDouble(cell.get());
  }
}
