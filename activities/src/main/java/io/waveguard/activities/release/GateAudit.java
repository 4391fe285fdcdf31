package io.waveguard.activities.release;

import io.waveguard.activities.db.AuditDao;
import io.waveguard.policy.model.GateResult;
import io.waveguard.workflows.activities.GateRequest;
import org.jdbi.v3.core.Handle;

/** The audit row of one gate evaluation: its window, both cohorts' traffic and the verdict. */
final class GateAudit {

  private GateAudit() {}

  /** One row per evaluation window: a retried activity does not write a second one. */
  static void record(Handle handle, GateRequest request, GateResult result) {
    String detail =
        "wave %d window %s..%s: deployed %d requests / %d errors, controls %d / %d"
            .formatted(
                request.wave(),
                request.windowStart(),
                request.windowEnd(),
                result.deployed().requests(),
                result.deployed().errors(),
                result.control().requests(),
                result.control().errors());
    AuditDao dao = handle.attach(AuditDao.class);
    if (!dao.exists(request.releaseId(), "gate", detail)) {
      dao.append(
          request.releaseId(),
          "gate",
          ReplanStep.SYSTEM_OPERATOR,
          result.verdict() + ": " + result.reason(),
          "RECORDED",
          detail);
    }
  }
}
