package io.tributary.config;

/** One problem in a configuration: where it is, the dotted key path (e.g. {@code receivers::otlp::protocols}), and what is wrong. */
public record ConfigError(Location location, String path, String message) {
    @Override
    public String toString() {
        return location + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
