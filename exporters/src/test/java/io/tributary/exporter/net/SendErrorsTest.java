package io.tributary.exporter.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The causes the gRPC and JDK clients wrap, as they wrap them. */
class SendErrorsTest {
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    private static <T extends Throwable> T causedBy(T outer, Throwable cause) {
        outer.initCause(cause);
        return outer;
    }

    @Test
    void theJdkClientsMessagelessConnectExceptionIsARefusal() {
        Throwable jdk = causedBy(new ConnectException(), causedBy(new ConnectException(), new ClosedChannelException()));

        assertThat(SendErrors.describe(jdk, "127.0.0.1:4318", FIVE_SECONDS)).isEqualTo("connection refused: 127.0.0.1:4318");
    }

    @Test
    void anUnresolvedAddressUnderConnectExceptionsIsNoSuchHost() {
        Throwable jdk = causedBy(new ConnectException(), causedBy(new ConnectException(), new UnresolvedAddressException()));

        assertThat(SendErrors.describe(jdk, "tempo:4318", FIVE_SECONDS)).isEqualTo("no such host: tempo");
    }

    @Test
    void unknownHostNamesTheHostFromItsMessage() {
        Throwable grpc = new UnknownHostException("tempo.invalid: Name or service not known");

        assertThat(SendErrors.describe(grpc, "dns:///tempo.invalid:4317", FIVE_SECONDS)).isEqualTo("no such host: tempo.invalid");
    }

    @Test
    void timeoutsSayWhichDeadline() {
        assertThat(SendErrors.describe(new HttpTimeoutException("request timed out"), "tempo:4318", FIVE_SECONDS))
                .isEqualTo("deadline exceeded after 5s");
        assertThat(SendErrors.describe(new ConnectTimeoutException("connection timed out"), "tempo:4317", FIVE_SECONDS))
                .isEqualTo("connection timed out: tempo:4317");
        assertThat(SendErrors.deadlineExceeded(Duration.ZERO)).isEqualTo("deadline exceeded");
    }

    @Test
    void otherConnectFailuresKeepTheirOwnWordsWithoutNettysAddress() {
        Throwable netty = new ConnectException("Network is unreachable: /10.0.0.1:4317");

        assertThat(SendErrors.describe(netty, "10.0.0.1:4317", FIVE_SECONDS)).isEqualTo("network is unreachable: 10.0.0.1:4317");
    }

    @Test
    void tlsFailuresAndUnknownCausesSayWhatTheDeepestCauseSays() {
        assertThat(SendErrors.describe(causedBy(new IOException("io exception"), new SSLHandshakeException("PKIX path building failed")),
                "tempo:4317", FIVE_SECONDS)).isEqualTo("TLS handshake with tempo:4317 failed: PKIX path building failed");
        assertThat(SendErrors.describe(causedBy(new IOException("io exception"), new IOException("stream reset")), "tempo:4317", FIVE_SECONDS))
                .isEqualTo("stream reset");
        assertThat(SendErrors.describe(new ClosedChannelException(), "tempo:4317", FIVE_SECONDS)).isEqualTo("ClosedChannelException");
    }
}
