package io.tributary.bench;

import io.tributary.testkit.PrometheusScrape;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Reads the daemon's Prometheus endpoint: one metric's value summed over all its label sets. */
final class SoakMetrics {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpRequest request;

    SoakMetrics(String url) {
        this.request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
    }

    /** 0 when the metric is absent: a counter nothing incremented may not be exported yet. */
    double value(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(request.uri() + " answered " + response.statusCode());
        }
        return PrometheusScrape.parse(response.body()).sum(name, Map.of());
    }
}
