package io.tributary.compat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A receiver's answer as a JSON tree to compare: the HTTP status, {@code Content-Type} and body
 * (decoded by content type: JSON as its tree, protobuf as the OTLP response on success or the
 * {@code google.rpc.Status} of an error, anything else as text), or the gRPC status code and
 * description. Free-text error messages land at {@code message} keys.
 */
final class Answers {
    private Answers() {
    }

    static JsonObject http(HttpResponse<byte[]> response) {
        JsonObject answer = new JsonObject();
        answer.addProperty("status", response.statusCode());
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        answer.add("contentType", contentType == null ? null : new JsonPrimitive(contentType));
        answer.add("body", body(response.statusCode(), contentType == null ? "" : contentType, response.body()));
        return answer;
    }

    static JsonObject grpc(Status status) {
        JsonObject answer = new JsonObject();
        answer.addProperty("code", status.getCode().name());
        answer.addProperty("message", status.getDescription() == null ? "" : status.getDescription());
        return answer;
    }

    static JsonElement body(int status, String contentType, byte[] body) {
        // An empty protobuf body is the empty message, as the bytes of an empty partial_success (Go writes them) are.
        if (body.length == 0 && !(status / 100 == 2 && contentType.startsWith("application/x-protobuf"))) {
            return new JsonPrimitive("");
        }
        try {
            if (contentType.startsWith("application/json")) {
                return CanonicalJson.canonical("", JsonParser.parseString(new String(body, StandardCharsets.UTF_8)));
            }
            if (contentType.startsWith("application/x-protobuf")) {
                return status / 100 == 2
                        ? CanonicalJson.of(ExportTraceServiceResponse.parseFrom(body))
                        : CanonicalJson.of(com.google.rpc.Status.parseFrom(body));
            }
        } catch (JsonParseException | InvalidProtocolBufferException e) {
            return new JsonPrimitive("undecodable " + contentType + " body: " + text(body));
        }
        JsonObject text = new JsonObject();
        text.addProperty("message", text(body));
        return text;
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).strip();
    }
}
