package io.mixmo.driver.config;

/**
 * A configuration error: unknown key, wrong type, value out of range, missing required value. The
 * message names the key, the rule and the value found; the CLI maps it to exit code 2.
 */
public class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
