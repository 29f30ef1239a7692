package io.mixmo.driver.cli;

import io.mixmo.driver.config.TrainConfigYaml;
import java.util.ListResourceBundle;
import java.util.Map;

/**
 * The built-in configuration defaults as a resource bundle, so that {@code --help} shows them through
 * picocli's {@code ${bundle:<key>}} variables (e.g. {@code ${bundle:optimisation.epochs}}) without
 * the flags having picocli defaults (a flag left out must not override the preset or config file).
 * {@code help.*} keys hold the words around them ("Built-in default"); {@link QuickstartDefaultsBundle}
 * gives the quickstart's own values instead.
 */
public class DefaultsBundle extends ListResourceBundle {
  @Override
  protected Object[][] getContents() {
    return contents(TrainConfigYaml.defaultValues(), Map.of("help.default", "Built-in default", "help.dataset", "",
        "help.run-dir", ""));
  }

  /** Every configuration key with its value ("(none)" when empty), then the help texts. */
  static Object[][] contents(Map<String, String> values, Map<String, String> texts) {
    Object[][] contents = new Object[values.size() + texts.size()][];
    int i = 0;
    for (Map.Entry<String, String> e : values.entrySet()) {
      contents[i++] = new Object[] {e.getKey(), e.getValue().isEmpty() ? "(none)" : e.getValue()};
    }
    for (Map.Entry<String, String> e : texts.entrySet()) {
      contents[i++] = new Object[] {e.getKey(), e.getValue()};
    }
    return contents;
  }
}
