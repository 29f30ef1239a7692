/**
 * The training configuration, on the driver: one immutable {@link io.mixmo.driver.config.TrainConfig}
 * record tree built from layers (built-in defaults, a named preset, a YAML file, {@code --set} and
 * first-class flags), validated where it is made with messages that name the key, the rule and the
 * value, and written back to YAML with every default spelled out. Nothing here reads system
 * properties or the environment; the slices of the record are what the rest of the driver sees.
 */
package io.mixmo.driver.config;
