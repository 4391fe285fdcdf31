package io.waveguard.workflows.activities;

/**
 * What a deploy or rollback of a wave did.
 *
 * @param changed targets this call deployed (or rolled back)
 * @param alreadyDone targets an earlier attempt had already handled, left untouched
 */
public record WaveDeployment(int wave, int targets, int changed, int alreadyDone) {}
