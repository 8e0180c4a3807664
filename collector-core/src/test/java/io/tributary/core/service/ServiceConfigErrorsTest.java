package io.tributary.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.ConfigError;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.consumer.TracesConsumer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConfigErrorsTest {
    private final TestComponents components = new TestComponents();

    private List<ConfigError> validate(String yaml) {
        return Service.validate(ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get), components.registry());
    }

    private static String describe(ConfigError error) {
        return error.location().line() + " " + error.path() + ": " + error.message();
    }

    @Test
    void validConfigHasNoErrors() {
        assertThat(validate("""
                receivers:
                  push:
                exporters:
                  record:
                service:
                  pipelines:
                    traces:
                      receivers: [push]
                      exporters: [record]
                """)).isEmpty();
    }

    /** A factory whose default config cannot be built: a bug, reported as a config error rather than thrown. */
    private static final class BrokenDefaultsFactory implements ProcessorFactory<TestComponents.Settings> {
        @Override
        public String type() {
            return "broken";
        }

        @Override
        public Class<TestComponents.Settings> configType() {
            return TestComponents.Settings.class;
        }

        @Override
        public TestComponents.Settings defaultConfig() {
            throw new IllegalStateException("no defaults");
        }

        @Override
        public Processor create(ComponentContext context, TestComponents.Settings config, TracesConsumer next) {
            throw new AssertionError("validate creates nothing");
        }
    }

    @Test
    void aFactoryThatThrowsIsAnErrorAtItsSection() {
        List<ConfigError> errors = Service.validate(ConfigLoader.parse("""
                receivers:
                  push:
                processors:
                  broken:
                exporters:
                  record:
                service:
                  pipelines:
                    traces:
                      receivers: [push]
                      processors: [broken]
                      exporters: [record]
                """, "test.yaml", Map.<String, String>of()::get), components.registry(new BrokenDefaultsFactory()));

        assertThat(errors).map(ServiceConfigErrorsTest::describe).containsExactly(
                "4 processors::broken: cannot read the settings (no defaults)");
    }

    @Test
    void undefinedComponentIsReportedAtTheListItem() {
        assertThat(validate("""
                receivers:
                  push:
                exporters:
                  record:
                service:
                  pipelines:
                    traces:
                      receivers:
                        - push
                        - push/x
                      exporters: [record]
                """)).map(ServiceConfigErrorsTest::describe).containsExactly(
                "10 service::pipelines::traces::receivers: pipeline 'traces' references receiver 'push/x' which is not defined under 'receivers' or 'connectors'");
    }

    @Test
    void componentListedTwiceInOnePipelineIsReported() {
        assertThat(validate("""
                receivers:
                  push:
                exporters:
                  record:
                service:
                  pipelines:
                    traces:
                      receivers: [push]
                      exporters:
                        - record
                        - record
                """)).map(ServiceConfigErrorsTest::describe).containsExactly(
                "11 service::pipelines::traces::exporters: exporter 'record' is listed more than once");
    }

    @Test
    void unknownTypeListsTheValidTypesAndTheClosest() {
        assertThat(validate("""
                receivers:
                  psuh/in:
                exporters:
                  record:
                service:
                  pipelines:
                    traces:
                      receivers: [psuh/in]
                      exporters: [record]
                """)).map(ServiceConfigErrorsTest::describe).containsExactly(
                "2 receivers::psuh/in: unknown receiver type 'psuh'; valid types: push (did you mean 'push'?)");
    }

    @Test
    void unknownSignalIsRefused() {
        assertThat(validate("""
                receivers:
                  push:
                exporters:
                  record:
                service:
                  pipelines:
                    tarces:
                      receivers: [push]
                      exporters: [record]
                """)).singleElement().extracting(ServiceConfigErrorsTest::describe).asString()
                .startsWith("7 service::pipelines::tarces: unknown pipeline ID 'tarces'")
                .endsWith("(did you mean 'traces'?)");
    }

    @Test
    void unknownTopLevelKeyGetsAHint() {
        assertThat(validate("""
                recievers:
                  push:
                exporters:
                  record:
                service:
                  pipelines:
                    traces:
                      receivers: [push]
                      exporters: [record]
                """)).map(ServiceConfigErrorsTest::describe).contains(
                "1 recievers: unknown key 'recievers' (did you mean 'receivers'?)");
    }

    @Test
    void pipelineWithoutReceiversOrExportersIsReported() {
        assertThat(validate("""
                receivers:
                  push:
                service:
                  pipelines:
                    traces:
                      receivers: [push]
                """)).map(ServiceConfigErrorsTest::describe).containsExactly(
                "5 service::pipelines::traces: pipeline 'traces' must have at least one exporter");
    }

    @Test
    void serviceWithoutPipelinesIsReported() {
        assertThat(validate("""
                receivers:
                  push:
                service:
                  pipelines: {}
                """)).map(ConfigError::message).containsExactly("service must have at least one pipeline");
    }

    @Test
    void undefinedExtensionInServiceIsReported() {
        assertThat(validate("""
                receivers:
                  push:
                exporters:
                  record:
                service:
                  extensions: [watch]
                  pipelines:
                    traces:
                      receivers: [push]
                      exporters: [record]
                """)).map(ServiceConfigErrorsTest::describe).containsExactly(
                "6 service::extensions: service::extensions references extension 'watch' which is not defined under 'extensions'");
    }

    @Test
    void componentSettingsAreBoundWithTheirPath() {
        assertThat(validate("""
                receivers:
                  push:
                    fail_strat: true
                exporters:
                  record:
                service:
                  pipelines:
                    traces:
                      receivers: [push]
                      exporters: [record]
                """)).singleElement().satisfies(error -> {
                    assertThat(error.location().line()).isEqualTo(3);
                    assertThat(error.path()).contains("receivers::push");
                });
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String yaml = """
                receivers:
                  push:
                  nope:
                processors:
                  spanpass:
                exporters:
                  record:
                service:
                  extensions: [watch]
                  pipelines:
                    traces:
                      receivers: [push, push, push/missing]
                      exporters: []
                    logs:
                      receivers: [push]
                      processors: [spanpass]
                      exporters: [record]
                """;

        assertThat(validate(yaml)).map(ConfigError::message).containsExactlyInAnyOrder(
                "unknown receiver type 'nope'; valid types: push",
                "receiver 'push' is listed more than once",
                "pipeline 'traces' references receiver 'push/missing' which is not defined under 'receivers' or 'connectors'",
                "pipeline 'traces' must have at least one exporter",
                "failed to create \"spanpass\" processor, in pipeline \"logs\": telemetry type is not supported",
                "service::extensions references extension 'watch' which is not defined under 'extensions'");
        assertThatThrownBy(() -> components.build(yaml))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).hasSize(6));
    }
}
