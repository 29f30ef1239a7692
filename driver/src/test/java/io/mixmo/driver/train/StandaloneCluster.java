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
 * A Spark standalone master and workers as separate JVMs on 127.0.0.1, started from the Maven test
 * classpath (target/it-classpath.txt, written by the dependency plugin). Ports are free ports
 * picked at start; work dirs, logs and a stand-in SPARK_HOME live under {@code root}.
 *
 * <p>The stand-in SPARK_HOME has a {@code jars/} directory of links to the classpath's jars: the
 * worker builds the executor classpath from {@code $SPARK_HOME/jars/*}, as on a real install where
 * Spark is installed and the application's jar brings the rest. Directories on the classpath
 * (this module's classes, reactor modules) go into the application jar instead.
 */
final class StandaloneCluster implements AutoCloseable {
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  final Path root;
  final List<String> jars = new ArrayList<>();
  final List<Path> dirs = new ArrayList<>();
  final Path sparkHome;
  final String masterUrl;
  final List<Process> workers = new ArrayList<>();
  private final List<Process> started = new ArrayList<>();

  private StandaloneCluster(Path root) throws IOException {
    this.root = root;
    Path target = Path.of("target").toAbsolutePath();
    for (String e : Files.readString(target.resolve("it-classpath.txt")).trim().split(java.io.File.pathSeparator)) {
      if (Files.isDirectory(Path.of(e))) {
        dirs.add(Path.of(e));
      } else {
        jars.add(e);
      }
    }
    dirs.add(target.resolve("classes"));
    dirs.add(target.resolve("test-classes"));
    sparkHome = root.resolve("spark-home");
    Files.createDirectories(sparkHome.resolve("jars"));
    snapshotProjectJars(root.resolve("lib"));
    for (String j : jars) {
      Path link = sparkHome.resolve("jars").resolve(Path.of(j).getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, Path.of(j));
      }
    }
    masterUrl = "spark://127.0.0.1:" + freePort();
  }

  /**
   * The project's own jars come from the shared local Maven repository, where a parallel
   * {@code mvn install} may replace them mid-test: use private copies.
   */
  private void snapshotProjectJars(Path lib) throws IOException {
    Files.createDirectories(lib);
    for (int i = 0; i < jars.size(); i++) {
      Path j = Path.of(jars.get(i));
      if (j.toString().contains("/io/mixmo/")) {
        Path copy = lib.resolve(j.getFileName());
        Files.copy(j, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        jars.set(i, copy.toString());
      }
    }
  }

  private void boot(int workerCount) throws IOException, InterruptedException {
    String port = masterUrl.substring(masterUrl.lastIndexOf(':') + 1);
    launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
        port, "--webui-port", Integer.toString(freePort())));
    for (int i = 0; i < workerCount; i++) {
      Path work = Files.createDirectories(root.resolve("worker-" + i));
      workers.add(launch("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
          "--webui-port", Integer.toString(freePort()), "--cores", "1", "--memory", "2g", "--work-dir",
          work.toString(), masterUrl)));
    }
    awaitLog(root.resolve("master.log"), "I have been elected leader", START_TIMEOUT);
    for (int i = 0; i < workerCount; i++) {
      awaitLog(root.resolve("worker-" + i + ".log"), "Successfully registered with master", START_TIMEOUT);
    }
  }

  static StandaloneCluster start(Path root, int workers) throws IOException, InterruptedException {
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
    Process p = pb.start();
    started.add(p);
    return p;
  }

  /** A jar of this module's classes and test classes (and any reactor class directories). */
  Path applicationJar() throws IOException {
    Path jar = root.resolve("app.jar");
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
