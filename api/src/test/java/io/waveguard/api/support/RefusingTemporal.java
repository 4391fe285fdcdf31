package io.waveguard.api.support;

import io.grpc.Grpc;
import io.grpc.HandlerRegistry;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real gRPC server on a loopback port that answers every call, whatever the method, with the
 * status a test sets: how a Temporal frontend that sheds load, refuses credentials or fails looks
 * to the client, without a Temporal that can be made to do it.
 */
public final class RefusingTemporal implements AutoCloseable {

  private final AtomicReference<Status> answer = new AtomicReference<>(Status.UNAVAILABLE);
  private final Server server;

  public RefusingTemporal() {
    try {
      server =
          Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
              .fallbackHandlerRegistry(new EveryMethod())
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every call from now on fails with this status. */
  public void answer(Status status) {
    answer.set(status);
  }

  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Finds a method for any name: one that closes the call with the current status at once. */
  private final class EveryMethod extends HandlerRegistry {

    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
      MethodDescriptor<InputStream, InputStream> method =
          MethodDescriptor.newBuilder(new Bytes(), new Bytes())
              .setType(MethodDescriptor.MethodType.UNKNOWN)
              .setFullMethodName(methodName)
              .build();
      ServerCallHandler<InputStream, InputStream> refuse =
          (ServerCall<InputStream, InputStream> call, Metadata headers) -> {
            call.close(answer.get().withDescription("refused by the test"), new Metadata());
            return new ServerCall.Listener<>() {};
          };
      return ServerMethodDefinition.create(method, refuse);
    }
  }

  /** Requests are never read and responses never sent, so bytes pass as they are. */
  private static final class Bytes implements MethodDescriptor.Marshaller<InputStream> {

    @Override
    public InputStream stream(InputStream value) {
      return value;
    }

    @Override
    public InputStream parse(InputStream stream) {
      return new ByteArrayInputStream(new byte[0]);
    }
  }
}
