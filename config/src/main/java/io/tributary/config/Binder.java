package io.tributary.config;

/**
 * Binds a config section to a typed Java record: the one place YAML becomes component config.
 *
 * <p>Rules: a record component {@code sendBatchSize} binds the key {@code send_batch_size} (or
 * the {@link Key} annotation's value). Keys absent from YAML keep the value of {@code defaults}.
 * A nested record whose default is null starts from that record type's {@code public static final
 * DEFAULT} field when it has one (so {@code grpc:} with no value enables gRPC with defaults).
 * Supported types: String, int/long/double/boolean and boxes, {@link java.time.Duration}
 * ({@code 200ms}, {@code 1m30s}, Go syntax), {@link ByteSize}, enums (case-insensitive, by name),
 * {@code List<T>}, {@code Map<String,T>}, nested records, and {@link ConfigNode} (raw).
 * Unknown keys, wrong types, bad durations and exceptions thrown by a record's compact
 * constructor become {@link ConfigError}s naming the key path and line; all errors of a section
 * are collected and thrown together as one {@link ConfigException}.
 */
public final class Binder {
    private Binder() {
    }

    /**
     * @param node     the YAML section (may be a null node: then {@code defaults} is returned)
     * @param path     the key path of {@code node}, used in error messages, e.g. {@code receivers::otlp}
     * @param type     the record type to produce
     * @param defaults the values for absent keys (usually the factory's default config)
     */
    public static <T> T bind(ConfigNode node, String path, Class<T> type, T defaults) {
        throw new UnsupportedOperationException("TODO");
    }
}
