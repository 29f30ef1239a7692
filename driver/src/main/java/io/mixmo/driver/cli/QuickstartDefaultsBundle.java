package io.mixmo.driver.cli;

import io.mixmo.driver.config.TrainConfigYaml;
import java.util.Map;

/**
 * {@code quickstart --help}'s defaults: the {@code quickstart} preset over the built-in defaults, and
 * the committed sample and dated run directory the quickstart uses when {@code --dataset} and
 * {@code --run-dir} are left out (see {@link DefaultsBundle}).
 */
public final class QuickstartDefaultsBundle extends DefaultsBundle {
  @Override
  protected Object[][] getContents() {
    return contents(TrainConfigYaml.presetValues("quickstart"), Map.of("help.default", "Quickstart default",
        "help.dataset", " Quickstart default: the committed CIFAR-10 sample, ingested once into "
            + QuickstartData.INGESTED + ".",
        "help.run-dir", " Quickstart default: runs/quickstart-<yyyyMMdd-HHmmss> in the project directory."));
  }
}
