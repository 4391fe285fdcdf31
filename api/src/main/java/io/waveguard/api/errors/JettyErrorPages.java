package io.waveguard.api.errors;

import io.dropwizard.core.setup.Environment;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Makes Jetty's own error answers JSON on every port: the API's and the admin's servlet contexts,
 * and the server itself for requests refused before any context sees them.
 */
public final class JettyErrorPages {

  private JettyErrorPages() {}

  public static void install(Environment environment) {
    environment.getApplicationContext().setErrorHandler(new ServletJsonErrorHandler());
    environment.getAdminContext().setErrorHandler(new ServletJsonErrorHandler());
    // The server is built after run(); replace Dropwizard's HTML handler before it accepts a
    // connection.
    environment
        .lifecycle()
        .addEventListener(
            new LifeCycle.Listener() {
              @Override
              public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                  server.setErrorHandler(new JsonErrorHandler());
                }
              }
            });
  }
}
