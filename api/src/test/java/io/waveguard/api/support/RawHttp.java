package io.waveguard.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends bytes no HTTP client would send (a malformed header, an unknown method, an ambiguous path)
 * over a loopback socket and reads what the server answers.
 */
public final class RawHttp {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RawHttp() {}

  /** An answer: status line's code, Content-Type (null when absent), body as sent. */
  public record Answer(int status, String contentType, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("body is not JSON: " + body, e);
      }
    }
  }

  public static Answer send(int port, String request) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The status line and headers of the answer, as sent (for headers the record does not keep). */
  public static String head(int port, String request) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      String raw = readAll(socket.getInputStream());
      int end = raw.indexOf("\r\n\r\n");
      return end < 0 ? raw : raw.substring(0, end + 2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A GET of this request target, the connection closed after the answer. */
  public static Answer get(int port, String target, String... headers) {
    StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    return send(port, request.append("Connection: close\r\n\r\n").toString());
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // The server may keep the connection open or reset it after answering; we have the answer.
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Answer parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new AssertionError("no complete answer: " + raw);
    }
    String[] lines = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    String contentType = null;
    for (String line : lines) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
        contentType = line.substring("content-type:".length()).strip();
      }
    }
    return new Answer(status, contentType, raw.substring(end + 4));
  }
}
