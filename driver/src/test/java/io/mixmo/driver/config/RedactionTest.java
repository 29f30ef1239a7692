package io.mixmo.driver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spark's redaction rule as the CLI applies it: keys or values of Spark properties, the user's own regex too. */
class RedactionTest {
  private static final String R = Redaction.REPLACEMENT;

  @Test
  void sparksDefaultRuleMatchesKeysAndValuesOfSparkProperties() {
    Redaction r = Redaction.DEFAULT;
    assertThat(r.isSecret("spark.hadoop.fs.s3a.secret.key", "x")).isTrue();
    assertThat(r.isSecret("spark.hadoop.fs.s3a.access.key", "x")).isTrue();
    assertThat(r.isSecret("spark.ssl.keyStorePassword", "x")).isTrue();
    assertThat(r.isSecret("spark.executor.memory", "4g")).isFalse();
    assertThat(r.isSecret("spark.x", "my-token-123")).as("by its value").isTrue();
    assertThat(r.isSecret("spark.hadoop.fs.s3a.accesskey", "x")).as("access[.]key needs the dot").isFalse();
    assertThat(r.map(Map.of("spark.a.password", "p", "spark.b", "1"))).containsEntry("spark.a.password", R)
        .containsEntry("spark.b", "1");
  }

  @Test
  void theConnectorsSecretKeysAreSecretsToo() {
    Redaction r = Redaction.DEFAULT;
    for (String key : List.of("spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net",
        "spark.hadoop.fs.azure.sas.container.acct.blob.core.windows.net", "spark.hadoop.fs.azure.sas.fixed.token",
        "spark.hadoop.fs.azure.encryption.encoded.client-provided-key",
        "spark.hadoop.google.cloud.auth.service.account.private.key",
        "spark.hadoop.google.cloud.auth.service.account.private.key.id",
        "spark.hadoop.fs.gs.auth.service.account.private.key", "spark.hadoop.fs.gs.auth.service.account.json.keyfile",
        "spark.hadoop.fs.gs.encryption.key", "spark.hadoop.fs.s3a.encryption.key",
        "spark.hadoop.fs.s3a.server-side-encryption.key", "spark.hadoop.dfs.webhdfs.oauth2.credential",
        "spark.corp.db.credentials", "spark.ssl.keyStore.pass", "spark.x.private_key")) {
      assertThat(r.isSecret(key, "c2VjcmV0")).as(key).isTrue();
      assertThat(r.commandLine(List.of("--conf", key + "=c2VjcmV0"))).as(key).containsExactly("--conf", key + "=" + R);
    }
    assertThat(r.isSecret("spark.hadoop.fs.s3a.aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")).as("a provider class is no secret").isFalse();
    assertThat(r.isSecret("spark.hadoop.hadoop.security.credential.provider.path", "jceks://hdfs/k.jceks")).isFalse();
    assertThat(r.isSecret("spark.hadoop.fs.azure.account.auth.type", "SharedKey")).isFalse();
    assertThat(r.isSecret("spark.app.key", "-----BEGIN PRIVATE KEY-----\nMIIE")).as("a PEM key as a value").isTrue();
    assertThat(r.isSecret("spark.app.name", "credential-report")).as("values match Spark's rule only").isFalse();
  }

  @Test
  void sparkItselfIsGivenTheExtendedRuleAroundTheUsersOwn() {
    String ours = Redaction.sparkRegex("");
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(ours);
    assertThat(p.matcher("spark.hadoop.fs.azure.account.key.a.dfs.core.windows.net").find()).isTrue();
    assertThat(p.matcher("spark.hadoop.fs.s3a.secret.key").find()).isTrue();
    assertThat(p.matcher("spark.executor.memory").find()).isFalse();
    String own = Redaction.sparkRegex("(?i)corp-id");
    assertThat(java.util.regex.Pattern.compile(own).matcher("spark.corp-id").find()).isTrue();
    assertThat(java.util.regex.Pattern.compile(own).matcher("spark.password").find())
        .as("the user's rule replaces Spark's default, as in Spark").isFalse();
    assertThat(Redaction.sparkRegex(own)).as("idempotent").isEqualTo(own);
  }

  @Test
  void theUsersOwnRegexAddsToTheDefaultAndIsNotItselfRedacted() {
    Redaction r = Redaction.of(Map.of(Redaction.REGEX_KEY, "(?i)corp-id"));
    assertThat(r.isSecret("spark.corp-id", "1")).isTrue();
    assertThat(r.isSecret("spark.password", "1")).isTrue();
    assertThat(r.isSecret(Redaction.REGEX_KEY, "(?i)corp-id")).isFalse();
    assertThatThrownBy(() -> Redaction.of(Map.of(Redaction.REGEX_KEY, "(")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("spark.conf.spark.redaction.regex must be a Java"
            + " regular expression, found '('");
  }

  @Test
  void aMessageLosesTheValuesOfSecretPropertiesOnly() {
    Map<String, String> conf = Map.of("spark.hadoop.fs.s3a.secret.key", "abc123", "spark.a.token", "abc",
        "spark.executor.cores", "2", "spark.x", "uses-password-xyz");
    assertThat(Redaction.DEFAULT.text("key abc123 token abc cores 2 x uses-password-xyz", conf))
        .isEqualTo("key *********(redacted) token *********(redacted) cores 2 x *********(redacted)");
    assertThat(Redaction.DEFAULT.text("nothing secret here: 2", conf)).isEqualTo("nothing secret here: 2");
  }

  @Test
  void commandLinesLoseTheValuesOfSecretAssignmentsOnly() {
    List<String> argv = List.of("train", "--conf", "spark.hadoop.fs.s3a.secret.key=abc", "--conf=spark.a.token=t",
        "--set", "spark.conf.spark.b.password=pw", "--set=mixing.alpha=1.0", "--set", "data.dataset=s3a://tokens/x",
        "--dataset", "/data/secret-project");
    assertThat(Redaction.DEFAULT.commandLine(argv)).containsExactly("train", "--conf",
        "spark.hadoop.fs.s3a.secret.key=" + R, "--conf=spark.a.token=" + R, "--set", "spark.conf.spark.b.password=" + R,
        "--set=mixing.alpha=1.0", "--set", "data.dataset=s3a://tokens/x", "--dataset", "/data/secret-project");
  }

  @Test
  void aConfigWithASecretWritesItRedactedAndReadsBackAPlaceholderToBeGivenAgain() {
    TrainConfig c = ConfigBuilderTest.base().assignment("spark.conf.spark.hadoop.fs.s3a.secret.key=abc")
        .assignment("spark.conf.spark.executor.cores=2").build();
    String yaml = TrainConfigYaml.write(c);
    assertThat(yaml).doesNotContain("abc").contains("secrets (keys or values matching spark.redaction.regex) are"
        + " redacted");
    TrainConfig back = TrainConfigYaml.read(yaml, "config.yaml");
    assertThat(back.spark().redactedKeys()).containsExactly("spark.hadoop.fs.s3a.secret.key");
    assertThat(back.spark().conf()).containsEntry("spark.executor.cores", "2");
    assertThat(back.spark().hadoopProperties()).containsOnlyKeys("fs.s3a.secret.key");
  }
}
