package io.mixmo.driver.report;

import java.awt.Color;

/**
 * The report's colours: the Okabe–Ito palette (distinguishable with the common colour-vision
 * deficiencies), one per run in a comparison, one per member in a single run. Pure.
 */
final class Palette {
  private static final Color[] COLORS = {
    new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
    new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000)};
  static final Color ENSEMBLE = new Color(0x222222);

  private Palette() {}

  static Color of(int index) {
    return COLORS[Math.floorMod(index, COLORS.length)];
  }

  /** A colour as CSS {@code #rrggbb}. */
  static String css(Color c) {
    return String.format("#%06x", c.getRGB() & 0xFFFFFF);
  }
}
