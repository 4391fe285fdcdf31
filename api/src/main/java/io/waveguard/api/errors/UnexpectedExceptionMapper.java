package io.waveguard.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort. A failing dependency is a 503 the caller may retry (Temporal's failures as
 * {@link TemporalFailures} answers them); anything else is a bug, logged with an id the answer
 * quotes so the log line can be found.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger log = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

  @Override
  public Response toResponse(Throwable e) {
    ApiException wrapped = ErrorResponses.apiCause(e);
    if (wrapped != null) {
      return ErrorResponses.of(wrapped);
    }
    Response temporal = TemporalFailures.answer(e);
    if (temporal != null) {
      return temporal;
    }
    if (isDatabaseUnavailable(e)) {
      log.warn("PostgreSQL unavailable: {}", e.toString());
      return ErrorResponses.of(
          503, "database_unavailable", null, "PostgreSQL cannot be reached; retry later");
    }
    String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
    log.error("unexpected error {}", id, e);
    return ErrorResponses.of(
        500, "internal_error", null, "unexpected error " + id + "; the server log has details");
  }

  private static boolean isDatabaseUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectionException) {
        return true;
      }
      // SQLSTATE class 08: connection exceptions.
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }
}
