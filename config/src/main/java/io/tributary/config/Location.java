package io.tributary.config;

/** Where a config value came from: the source (file name, {@code --set}, embedded default) and its 1-based line. */
public record Location(String source, int line) {
    public static final Location UNKNOWN = new Location("<unknown>", 0);

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}
