package io.mixmo.driver.train;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * A Spark standalone master and workers as separate JVMs on 127.0.0.1, standing in for a Spark
 * install: their classpath, and the stand-in {@code SPARK_HOME/jars} from which workers build the
 * executor classpath, are the driver's test classpath (target/it-classpath.txt) minus the
 * project's own classes and DL4J/ND4J/JavaCPP, which no Spark install has. (The {@code provided}
 * scope alone is not a Spark install: Maven gives libraries shared with DL4J, commons-lang3 for
 * one, compile scope.) The application is what users submit: the shaded driver jar, plus a jar of
 * the test classes with {@code --jars}. Ports are free ports picked at start; work dirs, logs and
 * SPARK_HOME live under {@code root}.
 */
final class StandaloneCluster implements AutoCloseable {
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  /**
   * Jars a Spark install never has: the project's (from the local repository, or a reactor module's
   * target/ when built with -am) and DL4J/ND4J/JavaCPP; they come from the shaded jar.
   */
  static final java.util.regex.Pattern APPLICATION_ONLY = java.util.regex.Pattern.compile(
      "/(io/mixmo|org/deeplearning4j|org/nd4j|org/bytedeco|org/datavec)/|/mixmo-[^/]*\\.jar$");

  final Path root;
  final List<String> jars = new ArrayList<>();
  final Path shadedJar;
  final List<Path> dirs = new ArrayList<>();
  final Path sparkHome;
  final String masterUrl;
  final List<Process> workers = new ArrayList<>();
  private final List<Process> started = new ArrayList<>();

  private StandaloneCluster(Path root) throws IOException {
    this.root = root;
    Path target = Path.of("target").toAbsolutePath();
    String suffix = "-spark" + System.getProperty("mixmo.spark.line", "3.5") + ".jar";
    try (Stream<Path> files = Files.list(target)) {
      shadedJar = files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no shaded driver jar *" + suffix + " in " + target
              + ": run `mvn verify` without -Dshade.skip (the shade plugin runs at package)"));
    }
    for (String e : Files.readString(target.resolve("it-classpath.txt")).trim().split(java.io.File.pathSeparator)) {
      if (!Files.isDirectory(Path.of(e)) && !APPLICATION_ONLY.matcher(e).find()) {
        jars.add(e);
      }
    }
    dirs.add(target.resolve("test-classes"));
    sparkHome = root.resolve("spark-home");
    Files.createDirectories(sparkHome.resolve("jars"));
    for (String j : jars) {
      Path link = sparkHome.resolve("jars").resolve(Path.of(j).getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, Path.of(j));
      }
    }
    masterUrl = "spark://127.0.0.1:" + freePort();
  }

  /**
   * How the workers start: their number, cores each, extra JVM options (e.g. {@code -Dspark.worker.*}
   * settings, read by the worker's SparkConf) and extra environment variables.
   */
  record Workers(int count, int cores, List<String> jvmOptions, Map<String, String> env) {
    static Workers plain(int count) {
      return new Workers(count, 1, List.of(), Map.of());
    }
  }

  private void boot(Workers spec) throws IOException, InterruptedException {
    int workerCount = spec.count();
    String port = masterUrl.substring(masterUrl.lastIndexOf(':') + 1);
    launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
        port, "--webui-port", Integer.toString(freePort())));
    for (int i = 0; i < workerCount; i++) {
      Path work = Files.createDirectories(root.resolve("worker-" + i));
      List<String> args = new ArrayList<>(spec.jvmOptions());
      args.addAll(List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
          "--webui-port", Integer.toString(freePort()), "--cores", Integer.toString(spec.cores()), "--memory", "2g",
          "--work-dir", work.toString(), masterUrl));
      workers.add(launch("worker-" + i, args, spec.env()));
    }
    awaitLog(root.resolve("master.log"), "I have been elected leader", START_TIMEOUT);
    for (int i = 0; i < workerCount; i++) {
      awaitLog(root.resolve("worker-" + i + ".log"), "Successfully registered with master", START_TIMEOUT);
    }
  }

  static StandaloneCluster start(Path root, int workers) throws IOException, InterruptedException {
    return start(root, Workers.plain(workers));
  }

  static StandaloneCluster start(Path root, Workers workers) throws IOException, InterruptedException {
    Files.createDirectories(root);
    StandaloneCluster c = new StandaloneCluster(root);
    try {
      c.boot(workers);
      return c;
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** Starts a JVM running {@code mainAndArgs} on the jars, output to {@code <root>/<name>.log}. */
  Process launch(String name, List<String> mainAndArgs) throws IOException {
    return launch(name, mainAndArgs, Map.of());
  }

  /** Same, with extra environment variables. */
  Process launch(String name, List<String> mainAndArgs, Map<String, String> extraEnv) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-cp", String.join(java.io.File.pathSeparator, jars)));
    cmd.addAll(Arrays.asList(System.getProperty("spark.add-opens", "").split(" ")));
    cmd.addAll(mainAndArgs);
    cmd.removeIf(String::isBlank);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(root.resolve(name + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
    env.put("OMP_NUM_THREADS", "1");
    env.putAll(extraEnv);
    Process p = pb.start();
    started.add(p);
    return p;
  }

  /** A jar of this module's test classes (the test application), passed with {@code --jars}. */
  Path testJar() throws IOException {
    Path jar = root.resolve("test-classes.jar");
    if (Files.exists(jar)) {
      return jar;
    }
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (Path dir : dirs) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            String entry = dir.relativize(f).toString().replace('\\', '/');
            if (seen.add(entry)) {
              out.putNextEntry(new ZipEntry(entry));
              Files.copy(f, out);
              out.closeEntry();
            }
          }
        }
      }
    }
    return jar;
  }

  /** Executor JVMs currently running under worker {@code i}. */
  List<ProcessHandle> executorsOf(int i) {
    return workers.get(i).toHandle().children().filter(p -> p.info().commandLine().orElse("")
        .contains("CoarseGrainedExecutorBackend")).toList();
  }

  static void awaitLog(Path log, String text, Duration timeout) throws IOException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("'" + text + "' not seen in " + log + " within " + timeout);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public void close() {
    List<Process> all = new ArrayList<>(started);
    for (Process p : all) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : all) {
      try {
        p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

}
