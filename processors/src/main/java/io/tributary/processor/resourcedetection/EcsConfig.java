package io.tributary.processor.resourcedetection;

import java.util.List;
import java.util.Map;

/** The {@code ecs} detector's section: its {@code resource_attributes}. */
public record EcsConfig(Map<String, AttributeToggle> resourceAttributes) {

    static final Map<String, Boolean> ATTRIBUTES = ResourceAttributes.table(List.of("aws.ecs.cluster.arn", "aws.ecs.launchtype",
            "aws.ecs.task.arn", "aws.ecs.task.family", "aws.ecs.task.id", "aws.ecs.task.revision", "aws.log.group.arns",
            "aws.log.group.names", "aws.log.stream.arns", "aws.log.stream.names", "cloud.account.id", "cloud.availability_zone",
            "cloud.platform", "cloud.provider", "cloud.region"), List.of());
    // After ATTRIBUTES, which its construction checks against.
    public static final EcsConfig DEFAULT = new EcsConfig(Map.of());

    public EcsConfig {
        resourceAttributes = resourceAttributes == null ? Map.of() : Map.copyOf(resourceAttributes);
        ResourceAttributes.check(ATTRIBUTES, resourceAttributes);
    }
}
