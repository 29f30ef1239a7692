package io.mixmo.datasets.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 for tests: {@code /files/<name>} serves the bytes put in {@link #files}
 * (404 otherwise); {@code /broken/<name>} announces the full length, sends half and drops the connection.
 */
public final class LoopbackServer implements AutoCloseable {
  public final Map<String, byte[]> files = new ConcurrentHashMap<>();
  public final AtomicInteger requests = new AtomicInteger();
  private final HttpServer server;

  public LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/files/", this::serve);
    server.createContext("/broken/", this::serveHalf);
    server.start();
  }

  public String base(String context) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + context + "/";
  }

  private void serve(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    byte[] body = files.get(name(ex));
    try (ex) {
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private void serveHalf(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    byte[] body = files.get(name(ex));
    ex.sendResponseHeaders(200, body.length);
    OutputStream out = ex.getResponseBody();
    out.write(body, 0, body.length / 2);
    out.flush();
    // Closing the exchange with bytes missing makes the server drop the connection.
    ex.close();
  }

  private static String name(HttpExchange ex) {
    String path = ex.getRequestURI().getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
