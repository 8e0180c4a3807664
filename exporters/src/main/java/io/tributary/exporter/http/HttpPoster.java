package io.tributary.exporter.http;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.core.net.TlsClientConfig;
import io.tributary.core.net.auth.ClientAuthenticator;
import io.tributary.exporter.net.ClientTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLParameters;

/**
 * POSTs an encoded body to one URL with the JDK's HTTP client and classifies the answer the way
 * otelcol's HTTP exporters do: 2xx delivered; 429, 502, 503 and 504 retryable (after the
 * server's Retry-After when it gave one); any other status permanent; a connection failure or
 * timeout retryable. HTTP/1.1 only, as Go's client speaks to a plaintext backend. An
 * authenticator's headers go on every request, over the configured ones.
 */
public final class HttpPoster {
    private static final int MAX_ERROR_BODY = 256;
    private static final List<String> RESTRICTED = List.of("connection", "content-length", "host", "expect", "upgrade");

    private final HttpClient client;
    private final URI endpoint;
    private final String contentType;
    private final Map<String, String> headers;
    private final ClientAuthenticator authenticator;

    private HttpPoster(HttpClient client, URI endpoint, String contentType, Map<String, String> headers,
            ClientAuthenticator authenticator) {
        this.client = client;
        this.endpoint = endpoint;
        this.contentType = contentType;
        this.headers = headers;
        this.authenticator = authenticator;
    }

    /** A poster without authentication. */
    public static HttpPoster create(URI endpoint, TlsClientConfig tls, Map<String, String> headers, String contentType)
            throws Exception {
        return create(endpoint, tls, headers, contentType, null);
    }

    /**
     * @param endpoint      an {@code http} or {@code https} URL; {@code tls} applies to {@code https} only
     * @param authenticator the exporter's {@code auth} extension (see {@code Authenticators.client}), or null
     * @throws IllegalArgumentException for unusable TLS settings or a header the JDK client refuses to send
     */
    public static HttpPoster create(URI endpoint, TlsClientConfig tls, Map<String, String> headers, String contentType,
            ClientAuthenticator authenticator) throws Exception {
        for (String name : headers.keySet()) {
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("headers: \"" + name + "\" is set by the HTTP client and cannot be configured");
            }
        }
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if ("https".equalsIgnoreCase(endpoint.getScheme())) {
            JdkSslContext ssl = (JdkSslContext) ClientTls.build(SslContextBuilder.forClient().sslProvider(SslProvider.JDK), tls);
            builder.sslContext(ssl.context());
            List<String> protocols = ClientTls.protocols(tls);
            if (protocols != null) {
                SSLParameters parameters = ssl.context().getDefaultSSLParameters();
                parameters.setProtocols(protocols.toArray(String[]::new));
                builder.sslParameters(parameters);
            }
        }
        return new HttpPoster(builder.build(), endpoint, contentType, Map.copyOf(headers), authenticator);
    }

    /** One POST, giving up after {@code timeout} (zero: no limit). */
    public void post(byte[] body, Duration timeout) throws SendException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType);
        // Configured headers replace the exporter's own, as otelcol's confighttp sets them last.
        headers.forEach(request::setHeader);
        if (authenticator != null) {
            // As otelcol's auth round tripper, which runs after the configured headers are set.
            authenticator.headers().forEach(request::setHeader);
        }
        if (!timeout.isZero()) {
            request.timeout(timeout);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw SendException.retryable("export failed: POST " + endpoint + ": " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SendException.retryable("export interrupted", null, e);
        }
        SendException failure = classify(response.statusCode(), response.headers().firstValue("Retry-After"),
                response.body(), Instant.now());
        if (failure != null) {
            throw failure;
        }
    }

    /** Null for a 2xx answer, else the failure it means. */
    static SendException classify(int status, Optional<String> retryAfter, String body, Instant now) {
        if (status >= 200 && status < 300) {
            return null;
        }
        String message = "export failed: HTTP " + status + (body == null || body.isBlank() ? ""
                : ": " + (body.length() > MAX_ERROR_BODY ? body.substring(0, MAX_ERROR_BODY) + "…" : body.strip()));
        return switch (status) {
            case 429, 502, 503, 504 -> SendException.retryable(message, retryAfter.map(v -> delay(v, now)).orElse(null), null);
            default -> SendException.permanent(message, null);
        };
    }

    /** Retry-After as delay-seconds or an HTTP-date; null when unparseable or already past. */
    private static Duration delay(String value, Instant now) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds > 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() || d.isZero() ? null : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
