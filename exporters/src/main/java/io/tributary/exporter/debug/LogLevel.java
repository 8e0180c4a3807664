package io.tributary.exporter.debug;

/** The legacy {@code logging} exporter's {@code loglevel}, kept so old configs load; it picks a {@link Verbosity}. */
public enum LogLevel {
    DEBUG(Verbosity.DETAILED), INFO(Verbosity.NORMAL), WARN(Verbosity.BASIC), ERROR(Verbosity.BASIC);

    private final Verbosity verbosity;

    LogLevel(Verbosity verbosity) {
        this.verbosity = verbosity;
    }

    Verbosity verbosity() {
        return verbosity;
    }
}
