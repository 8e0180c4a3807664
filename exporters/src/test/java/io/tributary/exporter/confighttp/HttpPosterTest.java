package io.tributary.exporter.confighttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpPosterTest {
    private static final URI URL = URI.create("http://tempo:4318/v1/traces");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void a2xxAnswerIsDelivered() {
        assertThat(HttpPoster.classify(URL, 202, Optional.empty(), "", NOW)).isNull();
    }

    @Test
    void retryAfterAsAnHttpDateIsADelayFromNow() {
        assertThat(HttpPoster.classify(URL, 503, Optional.of("Thu, 01 Jan 2026 00:00:30 GMT"), "", NOW).retryAfter())
                .contains(Duration.ofSeconds(30));
    }

    @Test
    void anUnparseableRetryAfterLeavesTheDelayToTheBackoff() {
        assertThat(HttpPoster.classify(URL, 429, Optional.of("soon"), "", NOW).retryAfter()).isEmpty();
    }

    @Test
    void theResponseBodyIsInTheMessage() {
        assertThat(HttpPoster.classify(URL, 400, Optional.empty(), "bad batch\n", NOW)).hasMessage("export failed: HTTP 400 Bad Request from http://tempo:4318/v1/traces: bad batch");
    }

    @Test
    void aCodeWithoutAStandardPhraseIsShownBare() {
        assertThat(HttpPoster.classify(URL, 599, Optional.empty(), null, NOW)).hasMessage("export failed: HTTP 599 from http://tempo:4318/v1/traces");
    }
}
