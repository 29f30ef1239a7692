package io.mixmo.driver.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which configuration values are secrets (driver side, pure): a property whose key or value matches
 * {@code spark.redaction.regex} — Spark's default {@value #SPARK_DEFAULT_REGEX}, and also the user's
 * own value of that property when given — or whose key matches {@value #CONNECTOR_KEY_REGEX} (what
 * the Hadoop connectors document as secret: Azure account keys and SAS tokens, GCS service-account
 * private keys and everything under {@code fs.gs.auth.} / {@code google.cloud.auth.}, encryption
 * keys, keystore passwords, anything with {@code credential} or {@code private.key}), or whose value
 * holds a PEM private key, is written and printed as {@value #REPLACEMENT}, as Spark shows it in its
 * UI and event logs ({@link #sparkRegex} extends Spark's own rule the same way). Used
 * wherever configuration, provenance or a message that quotes a value leaves the process:
 * {@code config.yaml}, {@code --print-config}, {@code provenance.json}'s command line, logs and
 * error messages.
 */
public final class Redaction {
  /** The key of Spark's redaction rule. */
  public static final String REGEX_KEY = "spark.redaction.regex";
  /** Spark 3.5's default value of {@value #REGEX_KEY}. */
  public static final String SPARK_DEFAULT_REGEX = "(?i)secret|password|token|access[.]key";
  /**
   * Keys the connectors treat as secrets that Spark's default misses (matched against keys only:
   * a value such as {@code ...SimpleAWSCredentialsProvider} is not a secret). {@code credential}
   * except the provider settings ({@code fs.s3a.aws.credentials.provider},
   * {@code hadoop.security.credential.provider.path}), which name a class or a keystore's path.
   */
  public static final String CONNECTOR_KEY_REGEX = "(?i)credential(?!s?[.]provider)|private[._-]?key|account[.]key"
      + "|fs[.]azure[.]sas[.]|sas[.]?token|encryption[.](?:key|context)|client-provided-key|fs[.]gs[.]auth[.]"
      + "|google[.]cloud[.]auth[.]|(?:key|trust)store[.]pass|signature[.]key";
  /** A PEM private key in a value (e.g. a GCS service account's key pasted inline). */
  static final Pattern PEM_PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");
  private static final Pattern CONNECTOR_KEYS = Pattern.compile(CONNECTOR_KEY_REGEX);
  /** What a redacted value is replaced with (Spark's replacement text). */
  public static final String REPLACEMENT = "*********(redacted)";
  /** The rule with Spark's default only. */
  public static final Redaction DEFAULT = new Redaction(List.of(Pattern.compile(SPARK_DEFAULT_REGEX)));

  private final List<Pattern> patterns;

  private Redaction(List<Pattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /** Spark's default rule plus the user's {@value #REGEX_KEY} in {@code sparkConf}, if set. */
  public static Redaction of(Map<String, String> sparkConf) {
    String own = sparkConf.get(REGEX_KEY);
    if (own == null || own.isBlank()) {
      return DEFAULT;
    }
    try {
      return new Redaction(List.of(Pattern.compile(SPARK_DEFAULT_REGEX), Pattern.compile(own)));
    } catch (PatternSyntaxException e) {
      throw new ConfigException("spark.conf." + REGEX_KEY + " must be a Java regular expression, found '" + own
          + "': " + e.getDescription());
    }
  }

  /** Whether the property {@code key = value} is a secret ({@value #REGEX_KEY} itself never is). */
  public boolean isSecret(String key, String value) {
    if (key.equals(REGEX_KEY) || key.endsWith("." + REGEX_KEY)) {
      return false;
    }
    for (Pattern p : patterns) {
      if (p.matcher(key).find() || (value != null && p.matcher(value).find())) {
        return true;
      }
    }
    return CONNECTOR_KEYS.matcher(key).find() || (value != null && PEM_PRIVATE_KEY.matcher(value).find());
  }

  /**
   * The value of {@value #REGEX_KEY} to give Spark itself (its UI, event logs and environment page):
   * the user's own rule, or Spark's default, extended by {@value #CONNECTOR_KEY_REGEX}.
   */
  public static String sparkRegex(String own) {
    String base = own == null || own.isBlank() ? SPARK_DEFAULT_REGEX : own;
    if (base.contains(CONNECTOR_KEY_REGEX)) {
      return base;
    }
    return "(?:" + base + ")|(?:" + CONNECTOR_KEY_REGEX + ")";
  }

  /** {@code value}, or {@value #REPLACEMENT} when {@code key = value} is a secret. */
  public String value(String key, String value) {
    return isSecret(key, value) ? REPLACEMENT : value;
  }

  /** A copy of {@code properties} with every secret value replaced, in the same order. */
  public Map<String, String> map(Map<String, String> properties) {
    Map<String, String> out = new LinkedHashMap<>();
    properties.forEach((k, v) -> out.put(k, value(k, v)));
    return out;
  }

  /**
   * {@code text} (a message that may quote configuration, e.g. an exception's) with every value of a
   * secret in {@code properties} replaced by {@value #REPLACEMENT}, longest first.
   */
  public String text(String text, Map<String, String> properties) {
    List<String> secrets = properties.entrySet().stream().filter(e -> isSecret(e.getKey(), e.getValue()))
        .map(Map.Entry::getValue).filter(v -> v != null && !v.isEmpty() && !v.equals(REPLACEMENT))
        .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, REPLACEMENT);
    }
    return out;
  }

  /**
   * {@code key=value} as given to {@code --conf} (a Spark property) or {@code --set} (a configuration
   * key: its value counts only under {@code spark.conf.}), with a secret value redacted; text without
   * {@code =} unchanged.
   */
  public String assignment(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq < 0) {
      return assignment;
    }
    String key = assignment.substring(0, eq);
    String value = assignment.substring(eq + 1);
    boolean property = key.startsWith("spark.") && !key.startsWith("spark.master");
    return key + "=" + (isSecret(key, property ? value : null) ? REPLACEMENT : value);
  }

  /**
   * A command line with the values of secret assignments redacted: the argument after {@code --set}
   * or {@code --conf}, and {@code --set=k=v} / {@code --conf=k=v}.
   */
  public List<String> commandLine(List<String> argv) {
    List<String> out = new ArrayList<>();
    boolean assignmentNext = false;
    for (String arg : argv) {
      if (assignmentNext) {
        out.add(assignment(arg));
        assignmentNext = false;
      } else if (arg.startsWith("--set=") || arg.startsWith("--conf=")) {
        int eq = arg.indexOf('=');
        out.add(arg.substring(0, eq + 1) + assignment(arg.substring(eq + 1)));
      } else {
        assignmentNext = arg.equals("--set") || arg.equals("--conf");
        out.add(arg);
      }
    }
    return out;
  }
}
