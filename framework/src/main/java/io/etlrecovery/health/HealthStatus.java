package io.etlrecovery.health;

/** The state of one health item or of the whole check, from best to worst. */
public enum HealthStatus {
    /** Fine. */
    OK,
    /** Works, but close to a limit. */
    WARNING,
    /** Broken, or a run would be refused. */
    FAILED;

    /** The worse of this and {@code other}. */
    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
