package io.tributary.connector.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.ConfigError;
import io.tributary.config.ConfigException;
import io.tributary.core.client.ClientInfo;
import io.tributary.processor.ottl.ErrorMode;
import io.tributary.processor.ottl.OttlContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The routing connector's settings: otelcol's defaults and its validation messages, each at its key and line. */
class RoutingConfigTest {
    @Test
    void defaultsAreOtelcols() {
        RoutingConfig config = RoutingConnectorTest.config("""
                table:
                  - condition: attributes["env"] == "prod"
                    pipelines: [traces/prod]
                """);

        assertThat(config.errorMode()).isEqualTo(ErrorMode.PROPAGATE);
        assertThat(config.defaultPipelines()).isEmpty();
        RouteConfig route = config.table().get(0);
        assertThat(route.ottlContext()).isEqualTo(OttlContext.RESOURCE);
        assertThat(route.action()).isEqualTo(RouteConfig.Action.MOVE);
        assertThat(route.text()).isEqualTo("route() where attributes[\"env\"] == \"prod\"");
    }

    @Test
    void aTableIsRequired() {
        assertThat(errors("default_pipelines: [traces/all]")).containsExactly(
                "test.yaml:1: connectors::routing: invalid routing table: the routing table is empty");
        assertThat(errors("table: []")).containsExactly(
                "test.yaml:1: connectors::routing: invalid routing table: the routing table is empty");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{pipelines: [traces/a]}                                                   "
                    + "| table[0]: invalid route: no condition or statement provided",
            "{condition: 'true', statement: 'route()', pipelines: [traces/a]}          "
                    + "| table[0]: invalid route: both condition and statement provided",
            "{condition: 'true'}                                                       "
                    + "| table[0]: invalid route: no pipelines defined",
            "{condition: 'true', pipelines: []}                                        "
                    + "| table[0]: invalid route: no pipelines defined",
            "{context: request, statement: 'route()', pipelines: [traces/a]}           "
                    + "| table[0]: \"request\" context requires a 'condition'",
            "{context: request, condition: 'request[\"a\"] = \"b\"', pipelines: [a]}  "
                    + "| table[0]::condition: condition does not contain a valid comparator",
            "{context: request, condition: 'request[\"a\"] == \"b\" != \"c\"', pipelines: [a]} "
                    + "| table[0]::condition: condition contains multiple comparators",
            "{context: request, condition: 'tenant == \"acme\"', pipelines: [a]}       "
                    + "| table[0]::condition: condition must have format 'request[\"<name>\"] <comparator> <value>'",
            "{context: request, condition: 'request[\"a\"] == acme', pipelines: [a]}  "
                    + "| table[0]::condition: condition must have format 'request[\"<name>\"] <comparator> \"<value>\"'",
            "{context: scope, condition: 'true', pipelines: [traces/a]}                "
                    + "| table[0]::context: invalid context: scope",
            "{condition: 'attributes[\"env\"] ==', pipelines: [traces/a]}              "
                    + "| table[0]::condition: unexpected end of condition at column 21",
            "{context: span, condition: 'nam == \"x\"', pipelines: [traces/a]}         "
                    + "| table[0]::condition: unsupported path 'nam' at column 1",
            "{statement: 'set(attributes[\"k\"], \"v\")', pipelines: [traces/a]}      "
                    + "| table[0]::statement: unsupported editor 'set' (only route() is supported) at column 1",
            "{statement: 'route() where name == \"x\"', pipelines: [traces/a]}         "
                    + "| table[0]::statement: unsupported path 'name' at column 15",
    })
    void aRouteIsCheckedAsOtelcolChecksIt(String route, String error) {
        assertThat(errors("table:\n  - " + route)).singleElement().asString().endsWith("connectors::routing::" + error);
    }

    @Test
    void anActionIsMoveOrCopy() {
        assertThat(errors("table: [{condition: 'true', action: moved, pipelines: [traces/a]}]")).singleElement().asString()
                .contains("connectors::routing::table[0]::action: unknown value 'moved'");
    }

    @Test
    void aRequestConditionNeedsNoSpacesAroundItsOperator() {
        RequestCondition condition = RequestCondition.parse("request[\"X-Tenant\"]==\"acme\"");

        assertThat(condition.matches(client("acme"))).isTrue();
        assertThat(condition.matches(client("globex"))).isFalse();
        assertThat(condition.matches(ClientInfo.NONE)).isFalse();
    }

    private static ClientInfo client(String tenant) {
        return ClientInfo.NONE.withMetadata(ClientInfo.metadata(List.of(Map.entry("x-tenant", tenant))));
    }

    private static List<String> errors(String yaml) {
        try {
            RoutingConnectorTest.config(yaml);
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
        throw new AssertionError("expected config errors");
    }
}
