package io.tributary.exporter.confighttp;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.core.net.ClientTls;
import io.tributary.core.net.TlsClientConfig;
import io.tributary.core.net.auth.ClientAuthenticator;
import io.tributary.exporter.net.SendErrors;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
    /** As otelcol's otlphttp exporter: at most this much of an answer is read. */
    private static final int MAX_RESPONSE_BODY = 64 * 1024;
    private static final List<String> RESTRICTED = List.of("connection", "content-length", "host", "expect", "upgrade");

    /** What the body of a non-2xx answer says, for the error message; null when nothing worth showing. */
    @FunctionalInterface
    public interface ErrorBody {
        String describe(String contentType, byte[] body);
    }

    /** The body as text, trimmed and shortened: what Zipkin and Jaeger collectors answer. */
    public static final ErrorBody TEXT = (contentType, body) -> {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? null : text.length() > MAX_ERROR_BODY ? text.substring(0, MAX_ERROR_BODY) + "…" : text;
    };

    /** A 2xx answer: its media type (null when absent) and body (at most 64 KiB of it). */
    public record Reply(String contentType, byte[] body) {
    }

    private final HttpClient client;
    private final URI endpoint;
    private final String contentType;
    private final Map<String, String> headers;
    private final ErrorBody errorBody;
    private final ClientAuthenticator authenticator;

    private HttpPoster(HttpClient client, URI endpoint, String contentType, Map<String, String> headers, ErrorBody errorBody,
            ClientAuthenticator authenticator) {
        this.client = client;
        this.endpoint = endpoint;
        this.contentType = contentType;
        this.headers = headers;
        this.errorBody = errorBody;
        this.authenticator = authenticator;
    }

    /** A poster without authentication, describing failures by their body text. */
    public static HttpPoster create(URI endpoint, TlsClientConfig tls, Map<String, String> headers, String contentType)
            throws Exception {
        return create(endpoint, tls, headers, contentType, TEXT, null);
    }

    /** As {@link #create(URI, TlsClientConfig, Map, String)}, with the exporter's {@code auth} extension. */
    public static HttpPoster create(URI endpoint, TlsClientConfig tls, Map<String, String> headers, String contentType,
            ClientAuthenticator authenticator) throws Exception {
        return create(endpoint, tls, headers, contentType, TEXT, authenticator);
    }

    /**
     * @param endpoint      an {@code http} or {@code https} URL; {@code tls} applies to {@code https} only
     * @param errorBody     describes the body of a failed answer for the error message
     * @param authenticator the exporter's {@code auth} extension (see {@code Authenticators.client}), or null
     * @throws IllegalArgumentException for unusable TLS settings or a header the JDK client refuses to send
     */
    public static HttpPoster create(URI endpoint, TlsClientConfig tls, Map<String, String> headers, String contentType,
            ErrorBody errorBody, ClientAuthenticator authenticator) throws Exception {
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
        return new HttpPoster(builder.build(), endpoint, contentType, Map.copyOf(headers), errorBody, authenticator);
    }

    /** One POST, giving up after {@code timeout} (zero: no limit). */
    public Reply post(byte[] body, Duration timeout) throws SendException {
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
        HttpResponse<InputStream> response;
        byte[] answer;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_RESPONSE_BODY);
            }
        } catch (IOException e) {
            throw SendException.retryable("export failed: POST " + endpoint + ": " + SendErrors.describe(e, hostPort(endpoint), timeout), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SendException.retryable("export interrupted", null, e);
        }
        String answerType = response.headers().firstValue("Content-Type").orElse(null);
        int status = response.statusCode();
        String detail = status >= 200 && status < 300 || answer.length == 0 ? null : errorBody.describe(answerType, answer);
        SendException failure = classify(endpoint, status, response.headers().firstValue("Retry-After"), detail, Instant.now());
        if (failure != null) {
            throw failure;
        }
        return new Reply(answerType, answer);
    }

    /** Null for a 2xx answer, else the failure it means; {@code detail} is what the body said, or null. */
    static SendException classify(URI endpoint, int status, Optional<String> retryAfter, String detail, Instant now) {
        if (status >= 200 && status < 300) {
            return null;
        }
        String message = "export failed: HTTP " + status + reasonPhrase(status) + " from " + endpoint
                + (detail == null || detail.isBlank() ? "" : ": " + detail.strip());
        return switch (status) {
            case 429, 502, 503, 504 -> SendException.retryable(message, retryAfter.map(v -> delay(v, now)).orElse(null), null);
            default -> SendException.permanent(message, null);
        };
    }

    /** " Service Unavailable" for 503, as Go's client prints a status; nothing for a code without a standard phrase. */
    private static String reasonPhrase(int status) {
        HttpResponseStatus known = HttpResponseStatus.valueOf(status);
        return known.reasonPhrase().contains("(") ? "" : " " + known.reasonPhrase();
    }

    /** The endpoint's host and port, the default port when the URL gives none. */
    private static String hostPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
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
