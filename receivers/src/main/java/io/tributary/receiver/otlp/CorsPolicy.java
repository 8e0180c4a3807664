package io.tributary.receiver.otlp;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CORS for browser clients, behaving like the rs/cors middleware otelcol uses: origins may
 * contain {@code *} wildcards, credentials are allowed (so the origin is echoed, never {@code *}),
 * and a preflight is answered 204 whether or not it is allowed; only an allowed one gets the
 * {@code Access-Control-Allow-*} headers.
 */
final class CorsPolicy {
    /** What rs/cors allows when {@code allowed_headers} is empty; {@code Origin} is always allowed. */
    private static final List<String> DEFAULT_HEADERS = List.of("accept", "content-type", "x-requested-with");
    private static final String VARY_PREFLIGHT = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    private final List<Pattern> origins;
    private final Set<String> headers;
    private final boolean anyHeader;
    private final int maxAge;

    private CorsPolicy(List<Pattern> origins, Set<String> headers, int maxAge) {
        this.origins = origins;
        this.headers = headers;
        this.anyHeader = headers.contains("*");
        this.maxAge = maxAge;
    }

    /** Null when CORS is off: no section, or no allowed origins. */
    static CorsPolicy of(HttpConfig.Cors cors) {
        if (cors == null || cors.allowedOrigins().isEmpty()) {
            return null;
        }
        List<Pattern> origins = cors.allowedOrigins().stream().map(CorsPolicy::glob).toList();
        List<String> allowed = cors.allowedHeaders().isEmpty() ? DEFAULT_HEADERS : cors.allowedHeaders();
        Set<String> headers = allowed.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return new CorsPolicy(origins, headers, cors.maxAge());
    }

    private static Pattern glob(String origin) {
        String quoted = Arrays.stream(origin.toLowerCase(Locale.ROOT).split("\\*", -1))
                .map(Pattern::quote)
                .collect(Collectors.joining(".*"));
        return Pattern.compile(quoted);
    }

    static boolean isPreflight(HttpMethod method, HttpHeaders request) {
        return HttpMethod.OPTIONS.equals(method)
                && request.contains(HttpHeaderNames.ORIGIN)
                && request.contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    FullHttpResponse preflight(HttpHeaders request) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        HttpHeaders out = response.headers();
        out.set(HttpHeaderNames.VARY, VARY_PREFLIGHT);
        String origin = request.get(HttpHeaderNames.ORIGIN);
        String method = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD).trim().toUpperCase(Locale.ROOT);
        String requested = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS, "");
        if (!originAllowed(origin) || !method.equals("POST") || !headersAllowed(requested)) {
            return response;
        }
        out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, method);
        if (!requested.isBlank()) {
            out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requested);
        }
        out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        if (maxAge > 0) {
            out.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, maxAge);
        }
        return response;
    }

    /** Adds the headers an actual (non-preflight) cross-origin request gets. */
    void decorate(HttpHeaders request, HttpHeaders response) {
        response.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        String origin = request.get(HttpHeaderNames.ORIGIN);
        if (origin != null && originAllowed(origin)) {
            response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
    }

    private boolean originAllowed(String origin) {
        String lower = origin.toLowerCase(Locale.ROOT);
        return origins.stream().anyMatch(p -> p.matcher(lower).matches());
    }

    private boolean headersAllowed(String requested) {
        if (anyHeader) {
            return true;
        }
        return Arrays.stream(requested.split(","))
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .allMatch(h -> h.equals("origin") || headers.contains(h));
    }
}
