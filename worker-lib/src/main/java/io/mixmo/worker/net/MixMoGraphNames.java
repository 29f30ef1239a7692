package io.mixmo.worker.net;

/**
 * Vertex names of a MixMo graph (the API contract): inputs {@code in_m} then {@code mask_m}, encoders
 * {@code enc_m}, the mixing vertex {@code mix}, pooled {@code features}, logits {@code logits_m},
 * outputs {@code head_m}.
 */
public final class MixMoGraphNames {
  public static final String MIX = "mix";
  public static final String FEATURES = "features";

  private MixMoGraphNames() {}

  public static String input(int member) {
    return "in" + member;
  }

  public static String mask(int member) {
    return "mask" + member;
  }

  public static String encoder(int member) {
    return "enc" + member;
  }

  public static String logits(int member) {
    return "logits" + member;
  }

  public static String head(int member) {
    return "head" + member;
  }
}
