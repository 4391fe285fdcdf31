package io.waveguard.api.core;

import io.waveguard.activities.db.TargetDao;
import io.waveguard.api.errors.ApiException;
import io.waveguard.workflows.model.ReleaseSpec;
import io.waveguard.workflows.model.Target;
import java.util.List;

/**
 * The targets a release would take, checked before anything starts: a service without targets or a
 * selector that matches none is refused at the door (400 naming the field) rather than started to
 * fail in planning. Dry runs and starts ask the same question.
 */
public final class TargetSelection {

  private final TargetDao targets;

  public TargetSelection(TargetDao targets) {
    this.targets = targets;
  }

  /**
   * @throws ApiException 400 naming {@code service} or {@code selector}
   */
  public List<Target> select(ReleaseSpec spec) {
    List<Target> service = targets.forService(spec.service());
    if (service.isEmpty()) {
      throw ApiException.invalidField(
          "service", "service '%s' has no targets".formatted(spec.service()));
    }
    List<Target> selected = service.stream().filter(spec.selector()::matches).toList();
    if (selected.isEmpty()) {
      throw ApiException.invalidField(
          "selector",
          "the selector matches none of the %d targets of service '%s'"
              .formatted(service.size(), spec.service()));
    }
    return selected;
  }
}
