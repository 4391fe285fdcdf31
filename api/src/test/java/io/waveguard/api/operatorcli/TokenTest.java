package io.waveguard.api.operatorcli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bearer token goes out as {@code Authorization}, and a 401 or 403 is explained in one line. A
 * loopback server answers as an API with token auth would.
 */
class TokenTest {

  private HttpServer server;
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private volatile int status;
  private volatile String body;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private CliRun cli(Map<String, String> env, String... args) {
    return CliRun.of(env, false, args);
  }

  private Map<String, String> url() {
    return Map.of("WAVEGUARD_URL", "http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void theTokenFromTheEnvironmentIsSentAsBearer() {
    status = 200;
    body = "{\"releases\": [], \"nextCursor\": null}";
    Map<String, String> env =
        Map.of("WAVEGUARD_URL", url().get("WAVEGUARD_URL"), "WAVEGUARD_TOKEN", "s3cret-token");

    CliRun list = cli(env, "list");

    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).isEqualTo("(none)\n");
    assertThat(authorization.get()).isEqualTo("Bearer s3cret-token");
    cli(env, "list", "--token", "other");
    assertThat(authorization.get()).isEqualTo("Bearer other");
  }

  @Test
  void noTokenAndA401SaysHowToSetOne() {
    status = 401;
    body =
        "{\"error\": \"unauthorized\", \"field\": null, \"message\": \"a bearer token is required\"}";

    CliRun list = cli(url(), "list");

    assertThat(list.exitCode()).isEqualTo(ExitCodes.API_ERROR);
    assertThat(list.err())
        .isEqualTo("no token: set WAVEGUARD_TOKEN or --token (a bearer token is required)\n");
    assertThat(authorization.get()).isNull();
  }

  @Test
  void a403SaysWhatTheTokenMayNotDo() {
    status = 403;
    body = "{\"error\": \"forbidden\", \"field\": null, \"message\": \"role viewer\"}";

    CliRun abort =
        cli(url(), "abort", "r-1", "--reason", "stop", "--operator", "dan", "--token", "t");

    assertThat(abort.exitCode()).isEqualTo(ExitCodes.API_ERROR);
    assertThat(abort.err()).isEqualTo("token not allowed to abort releases (role viewer)\n");
  }
}
