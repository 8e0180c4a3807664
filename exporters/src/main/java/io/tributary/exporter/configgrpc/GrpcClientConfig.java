package io.tributary.exporter.configgrpc;

import io.grpc.CallOptions;
import io.grpc.LoadBalancerRegistry;
import io.tributary.config.ByteSize;
import io.tributary.config.Problems;
import io.tributary.config.Squash;
import io.tributary.config.Validated;
import io.tributary.core.net.TlsClientConfig;
import io.tributary.core.net.auth.AuthConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * otelcol's configgrpc client keys, which gRPC exporters embed ({@link Squash}) beside their own;
 * each exporter's {@code DEFAULT} gives their defaults and checks {@code compression} with its
 * own message. The required {@code endpoint} is checked by {@link #validate()}, which the
 * exporter's {@code validate()} calls, because a default has none. {@code read_buffer_size} and
 * {@code write_buffer_size} are accepted so otelcol configs load, but Netty sizes its own
 * buffers: they tune grpc-go's userspace buffers, which have no equivalent here (mapping them to
 * socket options would switch off the kernel's auto-tuning).
 *
 * @param balancerName empty or null for grpc-java's default
 * @param keepalive    null for no keepalive pings
 * @param authority    an explicit {@code authority}, or null
 */
public record GrpcClientConfig(
        String endpoint,
        TlsClientConfig tls,
        Map<String, String> headers,
        String compression,
        String balancerName,
        KeepaliveConfig keepalive,
        ByteSize readBufferSize,
        ByteSize writeBufferSize,
        boolean waitForReady,
        String authority,
        AuthConfig auth) implements Validated {
    public GrpcClientConfig {
        Problems problems = new Problems();
        GrpcTarget.check(problems, endpoint);
        problems.throwIfAny();
        tls = tls == null ? TlsClientConfig.DEFAULT : tls;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (balancerName != null && !balancerName.isEmpty()
                && LoadBalancerRegistry.getDefaultRegistry().getProvider(balancerName) == null) {
            throw new IllegalArgumentException("invalid balancer_name: " + balancerName);
        }
    }

    @Override
    public void validate() {
        GrpcTarget.parse(endpoint);
    }

    /** The same keys sending to {@code endpoint} instead. */
    public GrpcClientConfig withEndpoint(String endpoint) {
        return new GrpcClientConfig(endpoint, tls, headers, compression, balancerName, keepalive, readBufferSize, writeBufferSize,
                waitForReady, authority, auth);
    }

    /** Whether requests are gzip-compressed; anything else is sent uncompressed. */
    public boolean gzip() {
        return "gzip".equalsIgnoreCase(compression);
    }

    /**
     * The options of the calls that send one batch: they share one deadline, {@code timeout}
     * from now (none when zero).
     */
    public CallOptions callOptions(Duration timeout) {
        CallOptions options = CallOptions.DEFAULT;
        if (gzip()) {
            options = options.withCompression("gzip");
        }
        if (!timeout.isZero()) {
            options = options.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        return waitForReady ? options.withWaitForReady() : options;
    }
}
