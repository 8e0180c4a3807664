package io.tributary.exporter.loadbalancing;

/** {@code routing_key} for traces: what decides a span's backend. */
enum RoutingKey {
    /** The span's 16-byte trace ID: every span of a trace reaches one backend. */
    TRACE_ID,
    /** The resource's {@code service.name}: every span of a service reaches one backend. */
    SERVICE;

    /** @throws IllegalArgumentException with otelcol's wording for keys it does not know, and ours for those not done yet */
    static RoutingKey parse(String value) {
        if (value == null || value.isEmpty() || value.equals("traceID")) {
            return TRACE_ID;
        }
        return switch (value) {
            case "service" -> SERVICE;
            case "attributes" -> throw new IllegalArgumentException("routing_key \"attributes\" is not supported yet (use traceID or service)");
            case "resource", "metric", "streamID" -> throw new IllegalArgumentException(
                    "routing_key \"" + value + "\" applies to metrics and logs, not traces (use traceID or service)");
            default -> throw new IllegalArgumentException("unsupported routing_key: " + value);
        };
    }
}
