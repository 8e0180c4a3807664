package io.tributary.compat;

/** Config fragments that every scenario's config needs, so each template says only what it is about. */
final class Configs {
    /**
     * Each instance's own metrics port: otelcol's default (8888) would be shared by both
     * collectors and by anything else running here. Indented for {@code service:}.
     */
    static final String TELEMETRY = """
              telemetry:
                metrics:
                  readers:
                    - pull:
                        exporter:
                          prometheus:
                            host: 127.0.0.1
                            port: {{port:metrics}}
            """;

    /** An OTLP receiver on both protocols exporting with {@code otlp} to the instance's gRPC backend, with a health check. */
    static final String OTLP_TO_BACKEND = receiverToBackend("otlp", """
              otlp:
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:{{port:otlp_grpc}}
                  http:
                    endpoint: 127.0.0.1:{{port:otlp_http}}
            """);

    /**
     * One receiver, {@code receiver} (its config indented for {@code receivers:}), exporting with
     * {@code otlp} to the instance's gRPC backend, with a health check.
     */
    static String receiverToBackend(String name, String receiver) {
        return "receivers:\n" + receiver + """
                exporters:
                  otlp:
                    endpoint: {{backend:grpc}}
                    tls:
                      insecure: true
                extensions:
                  health_check:
                    endpoint: 127.0.0.1:{{port:health}}
                service:
                  extensions: [health_check]
                  pipelines:
                    traces:
                      receivers: [%s]
                      exporters: [otlp]
                """.formatted(name) + TELEMETRY;
    }

    private Configs() {
    }
}
