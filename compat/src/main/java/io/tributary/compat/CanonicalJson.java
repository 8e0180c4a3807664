package io.tributary.compat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * OTLP as a canonical JSON tree, so that two collectors' output compares field by field whatever
 * order or request split each delivered it in: the resource spans of all requests in one list,
 * resources, scopes and spans sorted by stable keys, ids in hex, attribute lists (and kvlist
 * values) turned into maps keyed {@code [key]} (which {@link TreeDiff} prints as {@code attributes[http.method]}), members
 * holding an empty message or an all-zero id dropped (read alike as absent), and every object's
 * members sorted by name.
 */
final class CanonicalJson {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer();
    private static final Set<String> IDS = Set.of("traceId", "spanId", "parentSpanId");
    private static final Pattern ZERO_ID = Pattern.compile("0+");
    /** Lists whose order is the senders' choice, each with the key that identifies an element. */
    private static final Map<String, Function<JsonObject, String>> UNORDERED = Map.of(
            "resourceSpans", rs -> text(rs.get("resource")),
            "scopeSpans", ss -> text(ss.get("scope")),
            "spans", span -> text(span.get("traceId")) + text(span.get("spanId")),
            "resourceMetrics", rm -> text(rm.get("resource")),
            "scopeMetrics", sm -> text(sm.get("scope")),
            "metrics", metric -> text(metric.get("name")),
            "dataPoints", point -> text(point.get("attributes")),
            "resourceLogs", rl -> text(rl.get("resource")),
            "scopeLogs", sl -> text(sl.get("scope")),
            // Records have no identity: by time, ties by their whole text.
            "logRecords", record -> text(record.get("timeUnixNano")));

    private CanonicalJson() {
    }

    /** Everything the requests carry, as one {@code {"resourceSpans": [...]}} tree. */
    static JsonObject traces(List<ExportTraceServiceRequest> requests) {
        return merged("resourceSpans", requests.stream().map(CanonicalJson::printed).toList(), true);
    }

    /** The same for OTLP/JSON documents as sent on the wire (ids already hex, as OTLP/JSON writes them). */
    static JsonObject tracesFromJson(List<JsonElement> documents) {
        return merged("resourceSpans", documents, false);
    }

    /** Everything the requests carry, as one {@code {"resourceMetrics": [...]}} tree (exemplar ids in hex). */
    static JsonObject metrics(List<ExportMetricsServiceRequest> requests) {
        return merged("resourceMetrics", requests.stream().map(CanonicalJson::printed).toList(), true);
    }

    /** Everything the requests carry, as one {@code {"resourceLogs": [...]}} tree. */
    static JsonObject logs(List<ExportLogsServiceRequest> requests) {
        return merged("resourceLogs", requests.stream().map(CanonicalJson::printed).toList(), true);
    }

    /** @param resources the top-level list of the signal, {@code resourceSpans} for traces */
    private static JsonObject merged(String resources, List<JsonElement> documents, boolean base64Ids) {
        JsonArray all = new JsonArray();
        for (JsonElement tree : documents) {
            if (tree.isJsonObject() && tree.getAsJsonObject().has(resources)) {
                tree.getAsJsonObject().getAsJsonArray(resources).forEach(all::add);
            }
        }
        JsonObject merged = new JsonObject();
        merged.add(resources, canonical(resources, all, base64Ids));
        return merged;
    }

    /**
     * Every delivered span by its ids ({@code [traceId/spanId]}, a repeated span {@code #2}, ...),
     * its resource and scope beside it: where two deliveries hold different sets of spans they
     * differ at the spans one lacks, not at every later position of a list.
     */
    static JsonObject spansById(List<ExportTraceServiceRequest> requests) {
        TreeMap<String, JsonElement> byId = new TreeMap<>();
        for (JsonElement resourceSpans : traces(requests).getAsJsonArray("resourceSpans")) {
            JsonObject rs = resourceSpans.getAsJsonObject();
            for (JsonElement scopeSpans : array(rs, "scopeSpans")) {
                JsonObject ss = scopeSpans.getAsJsonObject();
                for (JsonElement span : array(ss, "spans")) {
                    JsonObject entry = new JsonObject();
                    copy(rs, "resource", entry, "resource");
                    copy(rs, "schemaUrl", entry, "resourceSchemaUrl");
                    copy(ss, "scope", entry, "scope");
                    copy(ss, "schemaUrl", entry, "scopeSchemaUrl");
                    entry.add("span", span);
                    String key = "[" + text(span.getAsJsonObject(), "traceId") + "/" + text(span.getAsJsonObject(), "spanId") + "]";
                    String unique = key;
                    for (int n = 2; byId.containsKey(unique); n++) {
                        unique = key + "#" + n;
                    }
                    byId.put(unique, entry);
                }
            }
        }
        JsonObject spans = new JsonObject();
        byId.forEach(spans::add);
        return spans;
    }

    private static JsonArray array(JsonObject object, String member) {
        return object.has(member) ? object.getAsJsonArray(member) : new JsonArray();
    }

    private static void copy(JsonObject from, String member, JsonObject to, String as) {
        if (from.has(member)) {
            to.add(as, from.get(member));
        }
    }

    private static String text(JsonObject object, String member) {
        return object.has(member) ? object.get(member).getAsString() : "";
    }

    /** A protobuf message in its proto3 JSON form, canonicalized. */
    static JsonElement of(MessageOrBuilder message) {
        return canonical("", printed(message));
    }

    /** Canonicalizing twice would read hex ids as base64: this is the only step before it. */
    private static JsonElement printed(MessageOrBuilder message) {
        try {
            return JsonParser.parseString(PRINTER.print(message));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("cannot print " + message.getClass().getSimpleName(), e);
        }
    }

    /** Any JSON tree canonicalized: members sorted, OTLP lists and attributes normalized. */
    static JsonElement canonical(String name, JsonElement element) {
        return canonical(name, element, true);
    }

    /** @param base64Ids whether ids are base64, as proto3 JSON writes bytes (converted to hex), or hex already */
    private static JsonElement canonical(String name, JsonElement element, boolean base64Ids) {
        if (element.isJsonObject()) {
            TreeMap<String, JsonElement> members = new TreeMap<>();
            for (Map.Entry<String, JsonElement> member : element.getAsJsonObject().entrySet()) {
                JsonElement value = canonical(member.getKey(), member.getValue(), base64Ids);
                // proto3: an empty message reads as an absent one (Go's pdata writes an empty Status, Java omits it).
                boolean emptyMessage = value.isJsonObject() && value.getAsJsonObject().isEmpty();
                // An all-zero id is an invalid one, as an absent id is; Go's pdata writes it as absent.
                boolean zeroId = IDS.contains(member.getKey()) && value.isJsonPrimitive() && ZERO_ID.matcher(value.getAsString()).matches();
                if (!emptyMessage && !zeroId) {
                    members.put(member.getKey(), value);
                }
            }
            JsonObject sorted = new JsonObject();
            members.forEach(sorted::add);
            return sorted;
        }
        if (element.isJsonArray()) {
            List<JsonElement> items = new ArrayList<>();
            element.getAsJsonArray().forEach(item -> items.add(canonical("", item, base64Ids)));
            // Attributes, and the values of a kvlist (a map too: Go builds one from a map, in random order).
            if ((name.equals("attributes") || name.equals("values")) && items.stream().allMatch(CanonicalJson::isKeyValue)) {
                return keyed(items);
            }
            Function<JsonObject, String> identity = UNORDERED.get(name);
            if (identity != null && items.stream().allMatch(JsonElement::isJsonObject)) {
                items.sort(Comparator.comparing((JsonElement item) -> identity.apply(item.getAsJsonObject()))
                        .thenComparing(JsonElement::toString));
            }
            JsonArray array = new JsonArray();
            items.forEach(array::add);
            return array;
        }
        if (base64Ids && IDS.contains(name) && element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()) {
            return new JsonPrimitive(HexFormat.of().formatHex(Base64.getDecoder().decode(element.getAsString())));
        }
        return element;
    }

    /** Key-value pairs as a map from {@code [key]} to value; a repeated key gets {@code #2}, {@code #3}, ... */
    private static JsonObject keyed(List<JsonElement> pairs) {
        TreeMap<String, JsonElement> byKey = new TreeMap<>();
        for (JsonElement pair : pairs) {
            // proto3 JSON leaves an empty key out.
            JsonElement name = pair.getAsJsonObject().get("key");
            String key = "[" + (name == null ? "" : name.getAsString()) + "]";
            String unique = key;
            for (int n = 2; byKey.containsKey(unique); n++) {
                unique = key + "#" + n;
            }
            JsonElement value = pair.getAsJsonObject().get("value");
            byKey.put(unique, value == null ? new JsonObject() : value);
        }
        JsonObject map = new JsonObject();
        byKey.forEach(map::add);
        return map;
    }

    private static boolean isKeyValue(JsonElement item) {
        return item.isJsonObject() && (!item.getAsJsonObject().has("key") || item.getAsJsonObject().get("key").isJsonPrimitive());
    }

    private static String text(JsonElement element) {
        return element == null ? "" : element.toString();
    }
}
