package io.tributary.processor.resourcedetection;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code ecs} detector: the task's metadata from the ECS task metadata endpoint named by
 * {@code ECS_CONTAINER_METADATA_URI_V4} (else the v3 {@code ECS_CONTAINER_METADATA_URI}), and the
 * CloudWatch log groups and streams of the task's other running containers. Without either
 * variable it is not on ECS and adds nothing; an endpoint that fails is an error, as in otelcol.
 */
final class EcsDetector implements Detector {
    static final String TYPE = "ecs";

    private final EcsConfig config;
    private final Surroundings surroundings;

    EcsDetector(EcsConfig config, Surroundings surroundings) {
        this.config = config;
        this.surroundings = surroundings;
    }

    @Override
    public List<KeyValue> detect(Deadline deadline) throws Exception {
        String endpoint = surroundings.variable("ECS_CONTAINER_METADATA_URI_V4");
        endpoint = endpoint.isEmpty() ? surroundings.variable("ECS_CONTAINER_METADATA_URI") : endpoint;
        if (endpoint.isEmpty()) {
            throw new PlatformAbsentException("no ECS task metadata endpoint: neither ECS_CONTAINER_METADATA_URI_V4 nor "
                    + "ECS_CONTAINER_METADATA_URI is set", null);
        }
        JsonObject task;
        try {
            task = JsonParser.parseString(surroundings.http().get(URI.create(endpoint + "/task"), Map.of(), deadline)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new IOException("unable to fetch task metadata: " + Replies.describe(e), e);
        }
        String taskArn = Replies.text(task, "TaskARN");
        String[] arn = taskArn.split(":");
        String region = arn.length > 5 ? arn[3] : "";
        String account = arn.length > 5 ? arn[4] : "";
        String taskId = arn.length > 5 ? arn[5].substring(arn[5].lastIndexOf('/') + 1) : "";
        ResourceBuilder resource = new ResourceBuilder(ResourceAttributes.enabled(EcsConfig.ATTRIBUTES, config.resourceAttributes()))
                .put("cloud.provider", "aws")
                .put("cloud.platform", "aws_ecs")
                .put("aws.ecs.task.arn", taskArn)
                .put("aws.ecs.task.family", Replies.text(task, "Family"))
                .put("aws.ecs.task.revision", Replies.text(task, "Revision"));
        putIfPresent(resource, "cloud.account.id", account);
        putIfPresent(resource, "cloud.region", region);
        putIfPresent(resource, "aws.ecs.task.id", taskId);
        String cluster = Replies.text(task, "Cluster");
        resource.put("aws.ecs.cluster.arn", cluster.contains(":") ? cluster : "arn:aws:ecs:" + region + ":" + account + ":cluster/" + cluster);
        putIfPresent(resource, "cloud.availability_zone", Replies.text(task, "AvailabilityZone"));
        String launchType = Replies.text(task, "LaunchType").toLowerCase(Locale.ROOT);
        if (launchType.equals("ec2") || launchType.equals("fargate")) {
            resource.put("aws.ecs.launchtype", launchType);
        }
        JsonObject self = JsonParser.parseString(surroundings.http().get(URI.create(endpoint), Map.of(), deadline)).getAsJsonObject();
        addLogs(resource, task, Replies.text(self, "DockerId"), account);
        return resource.build();
    }

    /** The awslogs groups and streams of the task's other running containers. */
    private static void addLogs(ResourceBuilder resource, JsonObject task, String selfDockerId, String account) {
        List<String> groupNames = new ArrayList<>();
        List<String> groupArns = new ArrayList<>();
        List<String> streamNames = new ArrayList<>();
        List<String> streamArns = new ArrayList<>();
        if (task.has("Containers") && task.get("Containers").isJsonArray()) {
            for (JsonElement element : task.getAsJsonArray("Containers")) {
                JsonObject container = element.getAsJsonObject();
                JsonObject options = container.has("LogOptions") ? container.getAsJsonObject("LogOptions") : new JsonObject();
                String group = Replies.text(options, "awslogs-group");
                String logRegion = Replies.text(options, "awslogs-region");
                String stream = Replies.text(options, "awslogs-stream");
                if (Replies.text(container, "Type").equals("NORMAL") && Replies.text(container, "KnownStatus").equals("RUNNING")
                        && Replies.text(container, "LogDriver").equals("awslogs") && !Replies.text(container, "DockerId").equals(selfDockerId)
                        && !(group + logRegion + stream).isEmpty()) {
                    String groupArn = "arn:aws:logs:" + logRegion + ":" + account + ":log-group:" + group;
                    groupNames.add(group);
                    groupArns.add(groupArn);
                    streamNames.add(stream);
                    streamArns.add(groupArn + ":log-stream:" + stream);
                }
            }
        }
        if (!groupNames.isEmpty()) {
            resource.put("aws.log.group.names", groupNames).put("aws.log.group.arns", groupArns)
                    .put("aws.log.stream.names", streamNames).put("aws.log.stream.arns", streamArns);
        }
    }

    private static void putIfPresent(ResourceBuilder resource, String key, String value) {
        if (!value.isEmpty()) {
            resource.put(key, value);
        }
    }
}
