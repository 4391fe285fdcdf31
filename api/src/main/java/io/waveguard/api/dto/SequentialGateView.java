package io.waveguard.api.dto;

import io.waveguard.policy.model.SequentialGatePolicy;

/** A release's sequential gate as it was resolved at start; names as in the gate configuration. */
public record SequentialGateView(
    double alpha,
    double entryAlpha,
    TierTolerancesJson tierTolerances,
    double errorsShare,
    double latencyShare,
    double crashesShare,
    double availabilityShare,
    double overallStratumShare,
    double minStratumShare,
    int maxStrata,
    double latencyExceedanceRatio,
    double maxSilentShare,
    long periodSeconds,
    long minBakeSeconds,
    long maxBakeSeconds,
    long baselineSeconds) {

  public static SequentialGateView of(SequentialGatePolicy gate) {
    return new SequentialGateView(
        gate.alpha(),
        gate.entryAlpha(),
        TierTolerancesJson.of(gate.tolerances()),
        gate.errorsShare(),
        gate.latencyShare(),
        gate.crashesShare(),
        gate.availabilityShare(),
        gate.overallStratumShare(),
        gate.minStratumShare(),
        gate.maxStrata(),
        gate.latencyExceedanceRatio(),
        gate.maxSilentShare(),
        gate.periodSeconds(),
        gate.minBakeSeconds(),
        gate.maxBakeSeconds(),
        gate.baselineSeconds());
  }
}
