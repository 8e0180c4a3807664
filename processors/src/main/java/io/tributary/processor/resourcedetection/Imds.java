package io.tributary.processor.resourcedetection;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * EC2's instance metadata service, version 2 as the AWS SDK speaks it: a session token from
 * {@code PUT /latest/api/token}, then GETs carrying it. The endpoint is the SDK's:
 * {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}, else {@code http://169.254.169.254}; and
 * {@code AWS_EC2_METADATA_DISABLED=true} turns it off. A request that fails to connect or gets a
 * 5xx is tried again, {@code maxAttempts} times in all, pausing twice as long each time up to
 * {@code maxBackoff}, as the SDK's standard retryer (without its jitter).
 */
final class Imds {
    private static final String TOKEN_TTL_SECONDS = "21600";
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);

    private final Surroundings surroundings;
    private final int maxAttempts;
    private final Duration maxBackoff;

    Imds(Surroundings surroundings, int maxAttempts, Duration maxBackoff) {
        this.surroundings = surroundings;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.maxBackoff = maxBackoff;
    }

    /** A session: the token fetched, for the GETs of one detection. */
    final class Session {
        private final URI base;
        private final String token;
        private final Deadline deadline;

        private Session(URI base, String token, Deadline deadline) {
            this.base = base;
            this.token = token;
            this.deadline = deadline;
        }

        /** A path under {@code /latest/}, e.g. {@code meta-data/instance-id}. */
        String get(String path) throws IOException, InterruptedException {
            return withRetries(() -> surroundings.http().get(base.resolve("/latest/" + path),
                    Map.of("X-aws-ec2-metadata-token", token), deadline), deadline);
        }
    }

    /** @throws IOException when IMDS is off or does not give a token */
    Session open(Deadline deadline) throws IOException, InterruptedException {
        if ("true".equalsIgnoreCase(surroundings.variable("AWS_EC2_METADATA_DISABLED"))) {
            throw new IOException("access disabled to EC2 IMDS via client option, or \"AWS_EC2_METADATA_DISABLED\" environment variable");
        }
        String endpoint = surroundings.variable("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        URI base = URI.create(endpoint.isEmpty() ? "http://169.254.169.254" : endpoint);
        String token = withRetries(() -> surroundings.http().put(base.resolve("/latest/api/token"),
                Map.of("X-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS), deadline), deadline);
        return new Session(base, token, deadline);
    }

    private interface Call {
        String run() throws IOException, InterruptedException;
    }

    private String withRetries(Call call, Deadline deadline) throws IOException, InterruptedException {
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (MetadataClient.StatusException e) {
                if (e.status() < 500 || attempt >= maxAttempts || deadline.remaining().compareTo(pause) <= 0) {
                    throw e;
                }
            } catch (IOException e) {
                if (attempt >= maxAttempts || deadline.remaining().compareTo(pause) <= 0) {
                    throw e;
                }
            }
            Thread.sleep(pause.toMillis());
            pause = pause.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : pause.multipliedBy(2);
        }
    }
}
