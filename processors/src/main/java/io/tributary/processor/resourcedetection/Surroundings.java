package io.tributary.processor.resourcedetection;

import java.net.URI;
import java.util.function.Function;

/**
 * Where the detectors look, given to them rather than read from globals so tests can point them
 * at fake services: the process environment (which also holds the metadata endpoints the AWS and
 * Google SDKs let one override), Azure's metadata endpoint (which nothing overrides in otelcol)
 * and how to reach the Kubernetes API.
 */
record Surroundings(Function<String, String> env, URI azureMetadata, KubernetesApi kubernetes, MetadataClient http) {
    static final URI AZURE_METADATA = URI.create("http://169.254.169.254/metadata/instance/compute?api-version=2020-09-01&format=json");

    static Surroundings real() {
        return new Surroundings(System::getenv, AZURE_METADATA, KubernetesApi.REAL, new MetadataClient());
    }

    /** A variable's value, "" when unset. */
    String variable(String name) {
        String value = env.apply(name);
        return value == null ? "" : value;
    }
}
