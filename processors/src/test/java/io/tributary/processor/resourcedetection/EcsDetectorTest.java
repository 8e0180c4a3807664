package io.tributary.processor.resourcedetection;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.tributary.testkit.TestHttpServer;
import io.tributary.testkit.TestHttpServer.Reply;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ecs detector against a fake task metadata endpoint (v4): the task, and this container. */
class EcsDetectorTest {
    private static final String TASK = """
            {"Cluster": "default", "TaskARN": "arn:aws:ecs:us-west-2:111122223333:task/default/158d1c8083dd49d6b527399fd6414f5c",
             "Family": "collector", "Revision": "7", "AvailabilityZone": "us-west-2d", "LaunchType": "FARGATE",
             "Containers": [
               {"DockerId": "self", "Type": "NORMAL", "KnownStatus": "RUNNING", "LogDriver": "awslogs",
                "LogOptions": {"awslogs-group": "/ecs/collector", "awslogs-region": "us-west-2", "awslogs-stream": "ecs/collector/1"}},
               {"DockerId": "app", "Type": "NORMAL", "KnownStatus": "RUNNING", "LogDriver": "awslogs",
                "LogOptions": {"awslogs-group": "/ecs/app", "awslogs-region": "us-west-2", "awslogs-stream": "ecs/app/1"}}]}
            """;

    private final TestHttpServer endpoint = TestHttpServer.start("/v4/abc", request -> json(
            request.path().equals("/v4/abc/task") ? TASK : "{\"DockerId\": \"self\", \"Name\": \"collector\"}"));
    private final Detecting detecting = new Detecting();

    @AfterEach
    void close() {
        detecting.close();
        endpoint.close();
    }

    private static Reply json(String body) {
        return new Reply(200, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void addsTheTasksAttributesAndTheOtherContainersLogs() throws Exception {
        detecting.env("ECS_CONTAINER_METADATA_URI_V4", endpoint.url() + "/v4/abc").start("detectors: [ecs]");

        assertThat(detecting.resourceAfter()).containsExactly(
                attribute("cloud.provider", "aws"),
                attribute("cloud.platform", "aws_ecs"),
                attribute("aws.ecs.task.arn", "arn:aws:ecs:us-west-2:111122223333:task/default/158d1c8083dd49d6b527399fd6414f5c"),
                attribute("aws.ecs.task.family", "collector"),
                attribute("aws.ecs.task.revision", "7"),
                attribute("cloud.account.id", "111122223333"),
                attribute("cloud.region", "us-west-2"),
                attribute("aws.ecs.task.id", "158d1c8083dd49d6b527399fd6414f5c"),
                attribute("aws.ecs.cluster.arn", "arn:aws:ecs:us-west-2:111122223333:cluster/default"),
                attribute("cloud.availability_zone", "us-west-2d"),
                attribute("aws.ecs.launchtype", "fargate"),
                attribute("aws.log.group.names", strings("/ecs/app")),
                attribute("aws.log.group.arns", strings("arn:aws:logs:us-west-2:111122223333:log-group:/ecs/app")),
                attribute("aws.log.stream.names", strings("ecs/app/1")),
                attribute("aws.log.stream.arns", strings("arn:aws:logs:us-west-2:111122223333:log-group:/ecs/app:log-stream:ecs/app/1")));
    }

    @Test
    void withoutTheEndpointVariableItIsNotOnEcs() throws Exception {
        detecting.start("detectors: [ecs]");

        assertThat(detecting.resourceAfter(attribute("service.name", "a"))).containsExactly(attribute("service.name", "a"));
    }

    @Test
    void anEndpointThatFailsFailsTheStart() {
        try (TestHttpServer failing = TestHttpServer.answering("/v4", 500)) {
            detecting.env("ECS_CONTAINER_METADATA_URI_V4", failing.url() + "/v4/abc");

            assertThatThrownBy(() -> detecting.start("{detectors: [ecs], timeout: 100ms}"))
                    .hasMessageContaining("ecs: unable to fetch task metadata");
        }
    }

    private static AnyValue strings(String value) {
        return AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setStringValue(value))).build();
    }
}
