package io.tributary.processor.resourcedetection;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code ec2} detector's section, as otelcol's: the instance tags to add ({@code tags}, regular
 * expressions over tag keys, read from IMDS when {@code tags_from_imds}), the metadata client's
 * retries ({@code max_attempts}, {@code max_backoff}), whether a missing metadata service is an error
 * ({@code fail_on_missing_metadata}) and its {@code resource_attributes}.
 */
public record Ec2Config(
        List<String> tags,
        Map<String, AttributeToggle> resourceAttributes,
        int maxAttempts,
        Duration maxBackoff,
        boolean failOnMissingMetadata,
        boolean tagsFromImds) {

    static final Map<String, Boolean> ATTRIBUTES = ResourceAttributes.table(List.of("cloud.account.id", "cloud.availability_zone",
            "cloud.platform", "cloud.provider", "cloud.region", "host.id", "host.image.id", "host.name", "host.type"), List.of());
    // After ATTRIBUTES, which its construction checks against; the AWS SDK's standard retryer: 3 attempts, backoff at most 20s.
    public static final Ec2Config DEFAULT = new Ec2Config(List.of(), Map.of(), 3, Duration.ofSeconds(20), false, false);

    public Ec2Config {
        tags = tags == null ? List.of() : List.copyOf(tags);
        resourceAttributes = resourceAttributes == null ? Map.of() : Map.copyOf(resourceAttributes);
        KeyPatterns.compile("tags", tags);
        ResourceAttributes.check(ATTRIBUTES, resourceAttributes);
    }
}
