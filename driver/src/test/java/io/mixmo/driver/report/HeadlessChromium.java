package io.mixmo.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium driven over the DevTools protocol on 127.0.0.1 (tests): opens a page,
 * waits for its load event and evaluates a script in it. A fresh profile (--user-data-dir) per
 * instance, no sandbox (tests run as root), no GPU, no background networking, no component updates.
 * Fails with what to install when there is no {@code chromium} binary: the browser tests are part
 * of {@code mvn verify} ({@code .ci/run} installs the package).
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private HeadlessChromium(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The browser binary on PATH ({@code chromium}, Debian's package). */
  static Path executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "chromium");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no chromium on PATH: install Debian's package (apt-get install -y chromium);"
        + " .ci/run does so when it is missing");
  }

  /** Starts a browser with a fresh profile under {@code profile} (an empty directory). */
  public static HeadlessChromium start(Path profile) throws IOException, InterruptedException {
    List<String> command = List.of(executable().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0", "about:blank");
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile()).start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IOException("chromium did not open its DevTools port (exit " + (p.isAlive() ? "none" : p.exitValue())
            + "); its output is in " + profile.resolveSibling(profile.getFileName() + ".log"));
      }
      Thread.sleep(100);
    }
    return new HeadlessChromium(p, Integer.parseInt(Files.readAllLines(portFile).get(0).trim()));
  }

  /**
   * Opens {@code url} in the browser's page, waits for the load event, then evaluates
   * {@code expression} (a promise is awaited) and returns its value parsed as JSON (the expression
   * must produce a JSON string).
   */
  public JsonNode evaluate(String url, String expression) throws Exception {
    try (Session s = new Session(pageSocket())) {
      s.call("Page.enable", Map.of());
      CompletableFuture<JsonNode> loaded = s.event("Page.loadEventFired");
      JsonNode nav = s.call("Page.navigate", Map.of("url", url));
      if (nav.path("errorText").isTextual()) {
        throw new IOException("chromium could not open " + url + ": " + nav.get("errorText").asText());
      }
      loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      JsonNode result = s.call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
          "awaitPromise", true));
      if (result.has("exceptionDetails")) {
        throw new IllegalStateException("script failed in " + url + ": " + result.get("exceptionDetails"));
      }
      return JSON.readTree(result.path("result").path("value").asText());
    }
  }

  private String pageSocket() throws IOException, InterruptedException {
    HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
        .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    for (JsonNode target : JSON.readTree(list.body())) {
      if ("page".equals(target.path("type").asText())) {
        return target.get("webSocketDebuggerUrl").asText();
      }
    }
    throw new IOException("chromium has no page target: " + list.body());
  }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
  }

  /** One DevTools WebSocket connection: numbered calls and awaited events. */
  private final class Session implements WebSocket.Listener, AutoCloseable {
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> events = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();

    Session(String url) {
      socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(URI.create(url), this).join();
    }

    JsonNode call(String method, Map<String, Object> params) throws Exception {
      int id = ids.incrementAndGet();
      CompletableFuture<JsonNode> reply = new CompletableFuture<>();
      calls.put(id, reply);
      ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
      message.set("params", JSON.valueToTree(params));
      socket.sendText(JSON.writeValueAsString(message), true).join();
      JsonNode answer = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (answer.has("error")) {
        throw new IOException("DevTools " + method + " failed: " + answer.get("error"));
      }
      return answer.path("result");
    }

    CompletableFuture<JsonNode> event(String method) {
      return events.computeIfAbsent(method, m -> new CompletableFuture<>());
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(partial.toString());
          if (message.has("id")) {
            calls.getOrDefault(message.get("id").asInt(), new CompletableFuture<>()).complete(message);
          } else {
            event(message.path("method").asText()).complete(message.path("params"));
          }
        } catch (IOException e) {
          calls.values().forEach(c -> c.completeExceptionally(e));
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
  }
}
