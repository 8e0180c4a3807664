package io.tributary.receiver.prometheus;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.tributary.receiver.prometheus.HttpClientSettings.Authorization;
import io.tributary.receiver.prometheus.HttpClientSettings.BasicAuth;
import io.tributary.receiver.prometheus.HttpClientSettings.TlsSettings;
import io.tributary.receiver.prometheus.HttpClientSettings.TlsVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The HTTP side of one job's scrapes, as Prometheus' scraper: a GET with its {@code Accept},
 * {@code Accept-Encoding}, {@code User-Agent} and {@code X-Prometheus-Scrape-Timeout-Seconds}
 * headers and the job's authentication, TLS and redirect settings, answered by the uncompressed
 * body. One JDK client per job, asynchronous, so no thread waits on a target.
 */
final class ScrapeClient {
    /** A 200 answer: its {@code Content-Type} (null when absent) and the body, uncompressed. */
    record Response(String contentType, byte[] body) {
    }

    /** A scrape that failed before there was a body to parse: the message is what {@code up} 0 is logged with. */
    static final class ScrapeException extends Exception {
        /** Whether the body was over {@code body_size_limit} ({@code scrape_body_size_bytes} is then -1). */
        final boolean bodyTooLarge;

        ScrapeException(String message, boolean bodyTooLarge) {
            super(message);
            this.bodyTooLarge = bodyTooLarge;
        }
    }

    private final HttpClient client;
    private final HttpClientSettings settings;
    private final String acceptHeader;
    private final boolean compression;
    private final long bodySizeLimit;
    private final String userAgent;

    ScrapeClient(ScrapeJob job, Executor executor, String userAgent) {
        ScrapeConfig config = job.config();
        this.settings = config.http();
        this.acceptHeader = ScrapeProtocol.acceptHeader(job.protocols());
        this.compression = config.enableCompression();
        this.bodySizeLimit = job.limits().bodySizeLimit().bytes();
        this.userAgent = userAgent;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .followRedirects(settings.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        TlsSettings tls = settings.tlsConfig();
        try {
            SSLContext ssl = sslContext(tls);
            SSLParameters parameters = ssl.getDefaultSSLParameters();
            parameters.setProtocols(protocols(tls));
            builder.sslContext(ssl).sslParameters(parameters);
        } catch (Exception e) {
            throw new IllegalArgumentException("tls_config: " + e.getMessage(), e);
        }
        this.client = builder.build();
    }

    /**
     * GETs {@code url}, failing after {@code timeout}; the future fails with a
     * {@link ScrapeException} for any answer but a 200 with a readable body.
     */
    CompletableFuture<Response> get(URI url, Duration timeout) {
        HttpRequest request;
        try {
            request = request(url, timeout);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(new ScrapeException(e.getMessage(), false));
        }
        CompletableFuture<HttpResponse<byte[]>> sent = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        return sent.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).handle((response, error) -> {
            if (error != null) {
                sent.cancel(true);
                throw new UncheckedScrape(describe(url, error));
            }
            return response;
        }).thenApply(this::body).exceptionallyCompose(error -> CompletableFuture.failedFuture(unwrap(error)));
    }

    private HttpRequest request(URI url, Duration timeout) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(timeout)
                .header("Accept", acceptHeader)
                .header("Accept-Encoding", compression ? "gzip" : "identity")
                .header("User-Agent", userAgent)
                .header("X-Prometheus-Scrape-Timeout-Seconds", seconds(timeout));
        String authorization = authorization();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    /** The {@code Authorization} header, its secrets read from their files at each scrape as Prometheus reads them. */
    private String authorization() throws IOException {
        BasicAuth basic = settings.basicAuth();
        if (basic != null) {
            String username = HttpClientSettings.present(basic.usernameFile()) ? read(basic.usernameFile()) : orEmpty(basic.username());
            String password = HttpClientSettings.present(basic.passwordFile()) ? read(basic.passwordFile()) : orEmpty(basic.password());
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        Authorization authorization = settings.authorization();
        if (authorization == null && (HttpClientSettings.present(settings.bearerToken()) || HttpClientSettings.present(settings.bearerTokenFile()))) {
            authorization = new Authorization("Bearer", settings.bearerToken(), settings.bearerTokenFile());
        }
        if (authorization == null) {
            return null;
        }
        String credentials = HttpClientSettings.present(authorization.credentialsFile()) ? read(authorization.credentialsFile())
                : orEmpty(authorization.credentials());
        return authorization.type() + " " + credentials;
    }

    private Response body(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new UncheckedScrape(new ScrapeException("server returned HTTP status " + response.statusCode() + reason(response.statusCode()), false));
        }
        byte[] body = response.body();
        boolean gzip = response.headers().firstValue("Content-Encoding").map(e -> e.equalsIgnoreCase("gzip")).orElse(false);
        if (gzip) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readNBytes(bodySizeLimit > 0 ? (int) Math.min(Integer.MAX_VALUE - 8, bodySizeLimit) : Integer.MAX_VALUE - 8);
            } catch (IOException e) {
                throw new UncheckedScrape(new ScrapeException("reading the gzip body: " + e.getMessage(), false));
            }
        }
        if (bodySizeLimit > 0 && body.length >= bodySizeLimit) {
            throw new UncheckedScrape(new ScrapeException("body size limit exceeded", true));
        }
        return new Response(response.headers().firstValue("Content-Type").orElse(null), body);
    }

    private static ScrapeException describe(URI url, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof ScrapeException scrape) {
            return scrape;
        }
        String why = cause instanceof TimeoutException || cause instanceof HttpTimeoutException
                ? "context deadline exceeded"
                : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new ScrapeException("Get \"" + url + "\": " + why, false);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof UncheckedScrape || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Carries a {@link ScrapeException} through the future's stages. */
    private static final class UncheckedScrape extends RuntimeException {
        UncheckedScrape(ScrapeException cause) {
            super(cause);
        }
    }

    /** " Not Found" after 404, as Go prints a status. */
    private static String reason(int status) {
        String phrase = HttpResponseStatus.valueOf(status).reasonPhrase();
        return phrase.contains("(") ? "" : " " + phrase;
    }

    /** Seconds as Go's {@code FormatFloat(s, 'f', -1, 64)} writes them: {@code 10}, {@code 0.5}. */
    static String seconds(Duration timeout) {
        return new BigDecimal(timeout.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString();
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file)).strip();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String[] protocols(TlsSettings tls) {
        TlsVersion min = TlsVersion.of(tls.minVersion());
        TlsVersion max = tls.maxVersion() == null || tls.maxVersion().isEmpty() ? TlsVersion.TLS13 : TlsVersion.of(tls.maxVersion());
        List<String> protocols = new ArrayList<>();
        for (TlsVersion version : TlsVersion.values()) {
            if (version.compareTo(min) >= 0 && version.compareTo(max) <= 0) {
                protocols.add(version.protocol);
            }
        }
        return protocols.toArray(String[]::new);
    }

    /** The client TLS context: the configured CA (or the JDK's), a client certificate when given, {@code server_name} and {@code insecure_skip_verify} applied. */
    private static SSLContext sslContext(TlsSettings tls) throws Exception {
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(trustManager(tls));
        byte[] cert = pem(tls.cert(), tls.certFile());
        byte[] key = pem(tls.key(), tls.keyFile());
        if (cert != null && key != null) {
            builder.keyManager(new ByteArrayInputStream(cert), new ByteArrayInputStream(key));
        }
        return ((JdkSslContext) builder.build()).context();
    }

    private static TrustManager trustManager(TlsSettings tls) throws Exception {
        if (tls.insecureSkipVerify()) {
            return ServerNameTrustManager.TRUST_ALL;
        }
        KeyStore trusted = null;
        byte[] ca = pem(tls.ca(), tls.caFile());
        if (ca != null) {
            trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(ca))) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        X509TrustManager delegate = (X509TrustManager) factory.getTrustManagers()[0];
        return HttpClientSettings.present(tls.serverName()) ? new ServerNameTrustManager(delegate, tls.serverName().toLowerCase(Locale.ROOT))
                : delegate;
    }

    private static byte[] pem(String inline, String file) throws IOException {
        if (HttpClientSettings.present(inline)) {
            return inline.getBytes(StandardCharsets.UTF_8);
        }
        if (HttpClientSettings.present(file)) {
            try {
                return Files.readAllBytes(Path.of(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return null;
    }

    /**
     * Checks the server's chain with the configured trust, and its name against
     * {@code server_name} rather than the URL's host, as Go's {@code tls.Config.ServerName} does;
     * or, as {@link #TRUST_ALL}, checks nothing ({@code insecure_skip_verify}).
     */
    private static final class ServerNameTrustManager extends X509ExtendedTrustManager {
        static final ServerNameTrustManager TRUST_ALL = new ServerNameTrustManager(null, null);

        private final X509TrustManager delegate;
        private final String serverName;

        ServerNameTrustManager(X509TrustManager delegate, String serverName) {
            this.delegate = delegate;
            this.serverName = serverName;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (delegate == null) {
                return;
            }
            delegate.checkServerTrusted(chain, authType);
            if (!HostnameMatch.matches(chain[0], serverName)) {
                throw new CertificateException("x509: certificate is not valid for " + serverName);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a scrape client does not check clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate == null ? new X509Certificate[0] : delegate.getAcceptedIssuers();
        }
    }
}
