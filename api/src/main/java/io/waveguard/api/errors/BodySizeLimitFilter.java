package io.waveguard.api.errors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over the limit with 413 before they are parsed: by Content-Length when the
 * client sends one, by counting while reading when it streams chunks.
 */
@PreMatching
@Priority(Priorities.ENTITY_CODER - 100)
public final class BodySizeLimitFilter implements ContainerRequestFilter {

  /** Telemetry batches are larger than any other body. */
  private static final String TELEMETRY_PATH = "api/v1/telemetry";

  /**
   * A client that is refused while it still sends gets a reset connection instead of our answer,
   * unless we read what it sends; we do, up to this many bytes, then give up on it.
   */
  private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

  private final long maxBody;
  private final long maxTelemetryBody;

  public BodySizeLimitFilter(long maxBody, long maxTelemetryBody) {
    this.maxBody = maxBody;
    this.maxTelemetryBody = maxTelemetryBody;
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    String path = request.getUriInfo().getPath();
    long limit = stripSlash(path).startsWith(TELEMETRY_PATH) ? maxTelemetryBody : maxBody;
    int declared = request.getLength();
    if (declared > limit) {
      drain(request.getEntityStream());
      throw ApiException.payloadTooLarge(limit);
    }
    if (request.hasEntity()) {
      request.setEntityStream(new LimitedStream(request.getEntityStream(), limit));
    }
  }

  private static String stripSlash(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  private static void drain(InputStream in) {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try {
      for (int n; total < DRAIN_LIMIT && (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
    } catch (IOException ignored) {
      // The client went away; the answer is moot.
    }
  }

  /** Counts bytes as the body is read and refuses the request once it exceeds the limit. */
  private static final class LimitedStream extends FilterInputStream {

    private final long limit;
    private long read;

    LimitedStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > limit) {
        drain(in);
        throw ApiException.payloadTooLarge(limit);
      }
    }
  }
}
