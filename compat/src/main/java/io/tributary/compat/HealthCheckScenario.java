package io.tributary.compat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

/** {@code GET /} of health_check while the collector runs: the same status, content type and body. */
final class HealthCheckScenario implements TrafficScenario {
    /** RFC 3339 with fractional seconds, as Go's time.Time marshals. */
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)");
    /** Go's time.Duration.String(), e.g. {@code 1.5s}, {@code 2m3.004s}, {@code 850µs}. */
    private static final Pattern DURATION = Pattern.compile("(\\d+h)?(\\d+m)?(\\d+(\\.\\d+)?(s|ms|µs|us|ns))|0s");

    @Override
    public String name() {
        return "health-check";
    }

    @Override
    public String config() {
        return Configs.OTLP_TO_BACKEND;
    }

    @Override
    public JsonElement observe(RunningCollector collector) throws Exception {
        HttpResponse<byte[]> response = RunningCollector.HTTP.send(
                HttpRequest.newBuilder(collector.url("health", "/")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonObject answer = Answers.http(response);
        if (answer.get("body").isJsonObject()) {
            JsonObject body = answer.getAsJsonObject("body");
            // When and how long: compared by form, as their values differ from run to run.
            shape(body, "upSince", TIMESTAMP, "<RFC 3339 timestamp>");
            shape(body, "uptime", DURATION, "<Go duration>");
        }
        return answer;
    }

    private static void shape(JsonObject body, String member, Pattern form, String formName) {
        JsonElement value = body.get(member);
        if (value != null && value.isJsonPrimitive() && form.matcher(value.getAsString()).matches()) {
            body.add(member, new JsonPrimitive(formName));
        }
    }
}
