package io.tributary.processor.resourcedetection;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;

/**
 * The HTTP client of the detectors that ask a metadata service (the clouds' instance metadata,
 * ECS' task metadata): plain GETs and PUTs with the headers each service requires, each bounded by
 * what is left of the detection's {@code timeout}.
 */
final class MetadataClient {
    /** A reply that is not 2xx. */
    static final class StatusException extends IOException {
        private final int status;

        StatusException(URI uri, int status) {
            super(uri + " replied with status " + status);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** Built at the first request: a JDK client starts a thread, which a config without cloud detectors does not need. */
    private HttpClient http;

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    String get(URI uri, Map<String, String> headers, Deadline deadline) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET(), headers, deadline);
    }

    String put(URI uri, Map<String, String> headers, Deadline deadline) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.noBody()), headers, deadline);
    }

    private String send(HttpRequest.Builder request, Map<String, String> headers, Deadline deadline)
            throws IOException, InterruptedException {
        if (deadline.passed()) {
            throw new HttpTimeoutException("the detection timeout passed");
        }
        headers.forEach(request::header);
        HttpRequest built = request.timeout(deadline.remaining()).build();
        HttpResponse<String> response = http().send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new StatusException(built.uri(), response.statusCode());
        }
        return response.body();
    }
}
