package io.mixmo.driver.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Named presets: YAML layers shipped as resources ({@code presets/<name>.yaml}) that reproduce the
 * paper's headline setups (docs/mixmo.md §5, §11) and a laptop-sized {@code quickstart}.
 */
public final class Presets {
  /** Every preset, in the order {@code --help} lists them. */
  public static final List<String> NAMES = List.of(
      "cifar100-wrn28-10-cut-mixmo",
      "cifar10-wrn28-10-cut-mixmo",
      "tiny-imagenet-preact18-3-cut-mixmo",
      "cifar100-wrn28-10-vanilla",
      "cifar100-wrn28-10-mimo",
      "cifar100-wrn28-10-linear-mixmo",
      "quickstart");

  private Presets() {}

  /** The preset's YAML text; an unknown name is a {@link ConfigException} naming the closest preset. */
  public static String yaml(String name) {
    if (!NAMES.contains(name)) {
      throw new ConfigException("--preset must be one of " + NAMES + ", found '" + name + "'; did you mean '"
          + KeyNames.closest(name, NAMES) + "'?");
    }
    try (InputStream in = Presets.class.getResourceAsStream("presets/" + name + ".yaml")) {
      if (in == null) {
        throw new IllegalStateException("preset resource presets/" + name + ".yaml is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
