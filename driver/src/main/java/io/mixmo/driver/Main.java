package io.mixmo.driver;

import io.mixmo.driver.cli.MixmoCommand;

/**
 * The application's entry point, for {@code java} (embedded launcher) and {@code spark-submit
 * --class io.mixmo.driver.Main}: runs {@code mixmo <args>} and exits with its code (0 success,
 * 2 usage/configuration error, 3 input-data error, 1 other failure). Installs the JVM-wide Java
 * deserialization filter first ({@link io.mixmo.driver.guard.SerialFilter}) unless the JVM has one.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    io.mixmo.driver.guard.SerialFilter.install();
    System.exit(MixmoCommand.execute(args));
  }
}
