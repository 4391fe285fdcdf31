package io.waveguard.api.embedded;

import java.util.Optional;

/** A Temporal server started on this machine for an embedded run (the demo, dev commands). */
public interface LocalTemporal extends AutoCloseable {

  /** The gRPC target clients connect to. */
  String target();

  /** Which server this is, in a few words, for the banner. */
  String describe();

  /** The Web UI page of a workflow's history; empty when this server has no Web UI. */
  Optional<String> webUiLink(String workflowId);

  /** Stops the server; safe to call more than once. */
  @Override
  void close();
}
