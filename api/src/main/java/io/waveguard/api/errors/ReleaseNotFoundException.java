package io.waveguard.api.errors;

/** No release with this id exists in Temporal (nor in the read model). */
public final class ReleaseNotFoundException extends RuntimeException {

  private final String releaseId;

  public ReleaseNotFoundException(String releaseId) {
    super("release '" + releaseId + "' not found");
    this.releaseId = releaseId;
  }

  public String releaseId() {
    return releaseId;
  }
}
