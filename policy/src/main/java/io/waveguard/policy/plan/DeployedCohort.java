package io.waveguard.policy.plan;

/**
 * The targets planned so far, standing in for the cohort that will have been deployed when a wave
 * starts: the plan is made up front, so the trust they have now is the best forecast of it.
 */
final class DeployedCohort {

  private int count;
  private double impact;
  private double impactWeightedTrust;
  private double trustSum;

  void add(RankedTarget target) {
    count++;
    impact += target.impact();
    impactWeightedTrust += target.impact() * target.trustLowerBound();
    trustSum += target.trustLowerBound();
  }

  boolean isEmpty() {
    return count == 0;
  }

  /**
   * Impact-weighted mean of the members' trust lower bounds; 0 for an empty cohort, because nothing
   * deployed vouches for anything. Falls back to the plain mean when every member has zero impact,
   * where weights would divide by zero but the members' trust is still evidence.
   */
  double trust() {
    if (count == 0) {
      return 0;
    }
    return impact > 0 ? impactWeightedTrust / impact : trustSum / count;
  }
}
