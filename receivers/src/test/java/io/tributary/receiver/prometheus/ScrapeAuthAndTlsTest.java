package io.tributary.receiver.prometheus;

import static io.tributary.receiver.prometheus.ScrapeFixture.gauge;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.TestCertificate;
import io.tributary.testkit.TestHttpServer;
import io.tributary.testkit.TestHttpServer.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scrapes of targets that want credentials or speak TLS. */
class ScrapeAuthAndTlsTest {
    private static final Reply METRICS = new Reply(200, "text/plain; version=0.0.4", "secret_metric 1\n".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;
    private TestHttpServer server;
    private ScrapeFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
        server.close();
    }

    private double up(String scheme, String more) {
        fixture = new ScrapeFixture("""
                config:
                  scrape_configs:
                    - job_name: secure
                      scheme: %s
                      static_configs: [{targets: ['%s']}]
                %s
                """.formatted(scheme, server.url().replaceFirst("^https?://", ""), more.indent(6)));
        return gauge(fixture.scrape(), "up");
    }

    @Test
    void basicAuthSendsTheUsernameAndPasswordOrItsFile() throws Exception {
        String expected = "Basic " + Base64.getEncoder().encodeToString("scraper:s3cret".getBytes(StandardCharsets.UTF_8));
        server = TestHttpServer.start("/", request -> expected.equals(request.header("Authorization")) ? METRICS : Reply.of(401));

        assertThat(up("http", "basic_auth: {username: scraper, password: s3cret}")).isEqualTo(1);
        fixture.close();
        Path passwordFile = Files.writeString(dir.resolve("password"), "s3cret\n");
        assertThat(up("http", "basic_auth: {username: scraper, password_file: '" + passwordFile + "'}")).isEqualTo(1);
        fixture.close();
        assertThat(up("http", "basic_auth: {username: scraper, password: wrong}")).as("401 is a failed scrape").isZero();
    }

    @Test
    void authorizationSendsTheTypeAndCredentials() {
        server = TestHttpServer.start("/", request -> "Bearer t0ken".equals(request.header("Authorization")) ? METRICS : Reply.of(403));

        assertThat(up("http", "authorization: {credentials: t0ken}")).isEqualTo(1);
        fixture.close();
        assertThat(up("http", "bearer_token: t0ken")).isEqualTo(1);
    }

    @Test
    void tlsTrustsTheConfiguredCaOnly() {
        TestCertificate certificate = TestCertificate.localhost();
        server = TestHttpServer.startTls(certificate, "/", request -> METRICS);

        assertThat(up("https", "tls_config: {ca_file: '" + certificate.certFile() + "'}")).isEqualTo(1);
        fixture.close();
        assertThat(up("https", "")).as("a self-signed certificate the JDK does not trust").isZero();
        fixture.close();
        assertThat(up("https", "tls_config: {insecure_skip_verify: true}")).isEqualTo(1);
    }

    @Test
    void serverNameIsWhatTheCertificateMustName() {
        TestCertificate certificate = TestCertificate.localhost();
        server = TestHttpServer.startTls(certificate, "/", request -> METRICS);

        assertThat(up("https", "tls_config: {ca_file: '" + certificate.certFile() + "', server_name: localhost}")).isEqualTo(1);
        fixture.close();
        assertThat(up("https", "tls_config: {ca_file: '" + certificate.certFile() + "', server_name: other.example}")).isZero();
    }
}
