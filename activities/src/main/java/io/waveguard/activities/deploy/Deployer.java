package io.waveguard.activities.deploy;

/**
 * Puts a release on targets, or takes it off again.
 *
 * <p>Implementations must be idempotent per {@link DeployBatch#idempotencyKey}: a worker can die
 * after the deployer applied a batch but before Waveguard recorded it, and the retry then sends the
 * very same batch again under the same key. Throw a non-retryable {@code ApplicationFailure} of
 * type {@code DEPLOY_REJECTED} for permanent refusals; any other exception is retried.
 */
public interface Deployer {

  void deploy(DeployBatch batch);

  void rollBack(DeployBatch batch);
}
