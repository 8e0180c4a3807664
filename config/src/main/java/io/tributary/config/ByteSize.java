package io.tributary.config;

/**
 * A size in bytes, written in config as an integer ({@code 1048576}, {@code 1_000_000}) or with a
 * unit: {@code B}, {@code KB}/{@code KiB}, {@code MB}/{@code MiB}, {@code GB}/{@code GiB}
 * (decimal and binary multiples respectively).
 */
public record ByteSize(long bytes) {
    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("size must not be negative: " + bytes);
        }
    }

    public static ByteSize ofBytes(long bytes) {
        return new ByteSize(bytes);
    }

    public static ByteSize ofMebibytes(long mib) {
        return new ByteSize(mib * 1024 * 1024);
    }

    /** Parses the config text; throws IllegalArgumentException with a readable message. */
    public static ByteSize parse(String text) {
        return Sizes.parse(text);
    }
}
