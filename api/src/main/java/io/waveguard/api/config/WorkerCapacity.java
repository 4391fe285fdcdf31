package io.waveguard.api.config;

/**
 * How much one release worker runs at once (see {@link WorkerConfiguration} for each setting's
 * reason and default).
 */
public record WorkerCapacity(
    int workflowTaskSlots,
    int activitySlots,
    int workflowPollers,
    int activityPollers,
    int stickyCacheSize,
    int maxWorkflowThreads) {}
