package io.tributary.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The normal forms the exporter scenarios compare, and the raw recording backend they read. */
class ExporterObservationsTest {
    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void zipkinSpansAreKeyedByTraceAndSpanIdWithAnnotationsInTimeOrder() {
        JsonObject first = json("""
                {"traceId":"t","id":"2","annotations":[{"timestamp":5,"value":"b"},{"timestamp":1,"value":"a"}]}""");
        JsonObject second = json("{\"traceId\":\"t\",\"id\":\"1\"}");

        JsonObject keyed = ZipkinExporterScenario.keyedSpans(List.of(first, second));

        assertThat(keyed.keySet()).containsExactly("[t/1]", "[t/2]");
        assertThat(keyed.getAsJsonObject("[t/2]").getAsJsonArray("annotations").get(0).getAsJsonObject().get("value").getAsString())
                .isEqualTo("a");
        assertThat(TreeDiff.diff(keyed, ZipkinExporterScenario.keyedSpans(List.of(second, first)))).isEmpty();
    }

    @Test
    void aRepeatedZipkinSpanIsKeptApart() {
        JsonObject span = json("{\"traceId\":\"t\",\"id\":\"1\"}");

        assertThat(ZipkinExporterScenario.keyedSpans(List.of(span, span)).keySet()).containsExactly("[t/1]", "[t/1]#2");
    }

    @Test
    void userAgentSplitsIntoProductAndPlatform() {
        assertThat(OtlpHttpExporterScenario.userAgent("otelcol contrib/0.148.0 (linux/amd64)").toString())
                .isEqualTo("{\"product\":\"otelcol contrib/0.148.0\",\"platform\":\"linux/amd64\"}");
        assertThat(OtlpHttpExporterScenario.userAgent("Go-http-client/1.1").toString()).isEqualTo("{\"raw\":\"Go-http-client/1.1\"}");
    }

    @Test
    void otlpJsonKeepsItsHexIdsAndComparesLikeProtobuf() {
        String span = """
                {"resourceSpans":[{"resource":{},"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c",
                "spanId":"eee19b7ec3c1b174","attributes":[{"key":"b","value":{"intValue":"1"}},{"key":"a","value":{"stringValue":"x"}}]}]}]}]}""";

        JsonObject tree = CanonicalJson.tracesFromJson(List.of(JsonParser.parseString(span)));

        JsonObject only = tree.getAsJsonArray("resourceSpans").get(0).getAsJsonObject().getAsJsonArray("scopeSpans").get(0)
                .getAsJsonObject().getAsJsonArray("spans").get(0).getAsJsonObject();
        assertThat(only.get("traceId").getAsString()).isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(only.getAsJsonObject("attributes").keySet()).containsExactly("[a]", "[b]");
    }

    @Test
    void aJaegerTraceCarriesItsProcessesInPlaceOfTheirIds() {
        String trace = """
                {"traceID":"t","spans":[
                 {"traceID":"t","spanID":"b","processID":"p2","tags":[{"key":"z","type":"string","value":"1"},{"key":"a","type":"int64","value":2}],
                  "logs":[{"timestamp":9,"fields":[]},{"timestamp":3,"fields":[{"key":"event","type":"string","value":"e"}]}]},
                 {"traceID":"t","spanID":"a","processID":"p1","tags":[]}],
                 "processes":{"p1":{"serviceName":"front","tags":[]},"p2":{"serviceName":"back","tags":[{"key":"host","type":"string","value":"h"}]}},
                 "warnings":null}""";
        String sameWithOtherProcessIds = trace.replace("p1", "px").replace("p2", "p1").replace("px", "p2");

        JsonObject normal = JaegerScenario.v1Trace(json(trace));

        JsonObject back = normal.getAsJsonObject("spans").getAsJsonObject("[b]");
        assertThat(back.has("processID")).isFalse();
        assertThat(back.getAsJsonObject("process").get("serviceName").getAsString()).isEqualTo("back");
        assertThat(back.getAsJsonObject("process").getAsJsonObject("tags").keySet()).containsExactly("[host]");
        assertThat(back.getAsJsonObject("tags").keySet()).containsExactly("[a]", "[z]");
        assertThat(back.getAsJsonArray("logs").get(0).getAsJsonObject().get("timestamp").getAsLong()).isEqualTo(3);
        assertThat(normal.getAsJsonObject("spans").keySet()).containsExactly("[a]", "[b]");
        assertThat(TreeDiff.diff(normal, JaegerScenario.v1Trace(json(sameWithOtherProcessIds)))).isEmpty();
    }
}
