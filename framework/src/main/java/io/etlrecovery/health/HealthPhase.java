package io.etlrecovery.health;

/** When a health snapshot was taken; stored in SYSTEM_HEALTH.PHASE. */
public enum HealthPhase {
    /** As a run started. */
    RUN_START,
    /** Periodically during a run. */
    PERIODIC,
    /** As a run ended. */
    RUN_END,
    /** By a health check. */
    CHECK
}
