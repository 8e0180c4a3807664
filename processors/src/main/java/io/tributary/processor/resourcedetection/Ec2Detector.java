package io.tributary.processor.resourcedetection;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ec2} detector: the instance's identity document and host name from IMDS. Without
 * IMDS it adds nothing, unless {@code fail_on_missing_metadata} makes that an error. Tags come
 * from IMDS ({@code tags_from_imds}); the EC2 API's DescribeTags, otelcol's other way, is not
 * called, so without {@code tags_from_imds} tags are skipped with a warning.
 */
final class Ec2Detector implements Detector {
    static final String TYPE = "ec2";
    private static final Logger log = LoggerFactory.getLogger(Ec2Detector.class);

    private final Imds imds;
    private final Ec2Config config;
    private final KeyPatterns tags;

    Ec2Detector(Ec2Config config, Surroundings surroundings) {
        this.imds = new Imds(surroundings, config.maxAttempts(), config.maxBackoff());
        this.config = config;
        this.tags = KeyPatterns.compile("tags", config.tags());
    }

    @Override
    public List<KeyValue> detect(Deadline deadline) throws Exception {
        Imds.Session session;
        try {
            session = imds.open(deadline);
            session.get("meta-data/instance-id");
        } catch (IOException e) {
            if (config.failOnMissingMetadata()) {
                throw new IOException("EC2 metadata unavailable: " + e.getMessage(), e);
            }
            throw new PlatformAbsentException("no EC2 instance metadata: " + Replies.describe(e), e);
        }
        JsonObject identity;
        try {
            identity = JsonParser.parseString(session.get("dynamic/instance-identity/document")).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new IOException("failed getting identity document: " + e.getMessage(), e);
        }
        String hostname;
        try {
            hostname = session.get("meta-data/hostname");
        } catch (IOException e) {
            throw new IOException("failed getting hostname: " + e.getMessage(), e);
        }
        ResourceBuilder resource = new ResourceBuilder(ResourceAttributes.enabled(Ec2Config.ATTRIBUTES, config.resourceAttributes()))
                .put("cloud.provider", "aws")
                .put("cloud.platform", "aws_ec2")
                .put("cloud.region", Replies.text(identity, "region"))
                .put("cloud.account.id", Replies.text(identity, "accountId"))
                .put("cloud.availability_zone", Replies.text(identity, "availabilityZone"))
                .put("host.id", Replies.text(identity, "instanceId"))
                .put("host.image.id", Replies.text(identity, "imageId"))
                .put("host.type", Replies.text(identity, "instanceType"))
                .put("host.name", hostname);
        if (!tags.isEmpty()) {
            addTags(session, resource);
        }
        return resource.build();
    }

    private void addTags(Imds.Session session, ResourceBuilder resource) throws InterruptedException {
        if (!config.tagsFromImds()) {
            log.warn("failed fetching ec2 instance tags: Tributary reads tags from IMDS only (tags_from_imds: true), "
                    + "not with the EC2 API's DescribeTags");
            return;
        }
        try {
            for (String key : session.get("meta-data/tags/instance").split("\n")) {
                if (!key.isBlank() && tags.selects(key)) {
                    resource.putExtra("ec2.tag." + key,
                            session.get("meta-data/tags/instance/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20")));
                }
            }
        } catch (IOException e) {
            log.warn("failed to fetch tags from IMDS: {}", e.getMessage());
        }
    }
}
