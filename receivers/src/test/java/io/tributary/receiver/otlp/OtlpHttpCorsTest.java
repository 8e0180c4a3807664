package io.tributary.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtlpHttpCorsTest {
    private static final String WITH_CORS = """
            protocols:
              http:
                endpoint: 127.0.0.1:0
                cors:
                  allowed_origins: ["https://app.example.com", "https://*.shop.example"]
                  allowed_headers: ["X-Tenant"]
                  max_age: 7200
            """;

    private final ReceiverFixture fixture = new ReceiverFixture();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void preflightFromAllowedOriginGetsAllowHeaders() throws Exception {
        fixture.start(WITH_CORS);

        HttpResponse<Void> response = preflight("https://app.example.com", "x-tenant");

        assertThat(response.statusCode()).isEqualTo(204);
        HttpHeaders headers = response.headers();
        assertThat(headers.firstValue("access-control-allow-origin")).hasValue("https://app.example.com");
        assertThat(headers.firstValue("access-control-allow-methods")).hasValue("POST");
        assertThat(headers.firstValue("access-control-allow-headers")).hasValue("x-tenant");
        assertThat(headers.firstValue("access-control-max-age")).hasValue("7200");
    }

    @Test
    void wildcardOriginMatches() throws Exception {
        fixture.start(WITH_CORS);

        HttpResponse<Void> response = preflight("https://eu.shop.example", null);

        assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("https://eu.shop.example");
    }

    @Test
    void preflightFromOtherOriginGetsNoAllowHeaders() throws Exception {
        fixture.start(WITH_CORS);

        HttpResponse<Void> response = preflight("https://evil.example", null);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void preflightAskingForAHeaderNotAllowedGetsNoAllowHeaders() throws Exception {
        fixture.start(WITH_CORS);

        HttpResponse<Void> response = preflight("https://app.example.com", "x-secret");

        assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void postFromAllowedOriginIsMarkedForTheBrowser() throws Exception {
        fixture.start(WITH_CORS);

        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(fixture.httpUrl("/v1/traces")))
                        .header("Origin", "https://app.example.com")
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpGrpcReceiverTest.validRequest().toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example.com");
    }

    @Test
    void withoutCorsConfigPreflightIsNotAnswered() throws Exception {
        fixture.start("""
                protocols:
                  http:
                    endpoint: 127.0.0.1:0
                """);

        HttpResponse<Void> response = preflight("https://app.example.com", null);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    private HttpResponse<Void> preflight(String origin, String requestHeaders) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.httpUrl("/v1/traces")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST");
        if (requestHeaders != null) {
            request.header("Access-Control-Request-Headers", requestHeaders);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }
}
