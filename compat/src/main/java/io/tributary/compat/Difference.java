package io.tributary.compat;

/**
 * One place where otelcol and Tributary disagree: a path into what both delivered (e.g.
 * {@code grpc-sdk.resourceSpans[0].scopeSpans[0].spans[3].attributes[http.method]}) and each
 * side's value there, {@link #ABSENT} when only the other side has it.
 */
record Difference(String path, String otelcol, String tributary) {
    static final String ABSENT = "<absent>";

    @Override
    public String toString() {
        return path + ": otelcol " + otelcol + ", tributary " + tributary;
    }
}
