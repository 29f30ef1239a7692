package io.mixmo.driver.cli;

import io.mixmo.driver.config.TrainConfigYaml;
import java.util.ListResourceBundle;
import java.util.Map;

/**
 * The built-in configuration defaults as a resource bundle, so that {@code --help} shows them through
 * picocli's {@code ${bundle:<key>}} variables (e.g. {@code ${bundle:optimisation.epochs}}) without
 * the flags having picocli defaults (a flag left out must not override the preset or config file).
 */
public final class DefaultsBundle extends ListResourceBundle {
  @Override
  protected Object[][] getContents() {
    Map<String, String> defaults = TrainConfigYaml.defaultValues();
    Object[][] contents = new Object[defaults.size()][];
    int i = 0;
    for (Map.Entry<String, String> e : defaults.entrySet()) {
      contents[i++] = new Object[] {e.getKey(), e.getValue().isEmpty() ? "(none)" : e.getValue()};
    }
    return contents;
  }
}
