package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * fabric8's CRUD dispatcher, made to answer client-go (otelcol's Kubernetes client) the way an
 * API server does where the mock answers only fabric8's own client:
 * <ul>
 *   <li>a list is a {@code PodList} (of the path's group and version), not the mock's {@code List}
 *       of version v1: client-go's typed clients read a {@code List} as an empty answer;</li>
 *   <li>every answer says {@code Content-Type: application/json}: client-go asks for protobuf
 *       and decodes an answer without a content type as protobuf;</li>
 *   <li>client-go watches over plain HTTP, the mock only over WebSocket (it answers 400). A
 *       plain watch is answered, after its {@code timeoutSeconds}, with no events: this
 *       server's objects do not change while it serves, and the client watches again, as when
 *       an API server ends a quiet watch;</li>
 *   <li>a watch that asks for the current objects as events ({@code sendInitialEvents}, client-go's
 *       "watch-list", on by default since 1.35) is refused with 422, as by an API server
 *       without the WatchList feature: client-go then lists, and watches;</li>
 *   <li>the field selector {@code spec.nodeName} (an agent's node filter) is one the mock cannot
 *       evaluate and matches nothing with it; every pod here runs on one node, so the term is
 *       true for that node's name and dropped.</li>
 * </ul>
 */
final class ApiServerDispatcher extends KubernetesCrudDispatcher {
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Kind by plural of every resource {@link FakeKubeApi} holds or an agent watches. */
    private static final Map<String, String> KINDS = Stream.of(Pod.class, Namespace.class, Node.class, ReplicaSet.class,
                    Deployment.class, StatefulSet.class, DaemonSet.class, Job.class, CronJob.class)
            .collect(Collectors.toMap(HasMetadata::getPlural, HasMetadata::getKind));

    private final String node;

    ApiServerDispatcher(String node) {
        this.node = node;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Map<String, String> query = query(request.getPath());
        boolean plainHttpWatch = "true".equals(query.get("watch")) && !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        if (plainHttpWatch && "true".equals(query.get("sendInitialEvents"))) {
            return status(422, "Invalid", "sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled");
        }
        if (plainHttpWatch) {
            // A second early: client-go times the request out at timeoutSeconds. The body is a
            // blank line, no event: the mock delays only a body that is not empty (and not by 0).
            long seconds = Long.parseLong(query.getOrDefault("timeoutSeconds", "300")) - 1;
            MockResponse quiet = new MockResponse().setResponseCode(200).setHeader("Content-Type", JSON).setBody("\n");
            return seconds > 0 ? quiet.setBodyDelay(Duration.ofSeconds(seconds)) : quiet;
        }
        MockResponse response = super.dispatch(withoutOwnNodeSelector(request, query));
        if (response.getHeaders().header("Content-Type") == null) {
            response.setHeader("Content-Type", JSON);
        }
        return response.code() == 200 ? typedList(request.getPath(), response) : response;
    }

    /** A {@code List} answer retyped as the list of the path's resource, as an API server types it. */
    private static MockResponse typedList(String path, MockResponse response) {
        if (response.getBody() == null) {
            return response;
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(response.getBody().getBytes());
        } catch (IOException notJson) {
            return response;
        }
        if (!(body instanceof ObjectNode list) || !"List".equals(list.path("kind").asText())) {
            return response;
        }
        String[] segments = URI.create(path).getPath().split("/");
        String kind = KINDS.get(segments[segments.length - 1]);
        if (kind == null) {
            return response;
        }
        // /api/v1/... is the core group; /apis/apps/v1/... a named one.
        list.put("apiVersion", segments[1].equals("api") ? segments[2] : segments[2] + "/" + segments[3]);
        list.put("kind", kind + "List");
        return response.setBody(list.toString());
    }

    /** The request without {@code spec.nodeName=<this node>} in its field selector. */
    private RecordedRequest withoutOwnNodeSelector(RecordedRequest request, Map<String, String> query) {
        String selector = query.get("fieldSelector");
        if (selector == null) {
            return request;
        }
        String kept = Arrays.stream(selector.split(",")).filter(term -> !term.equals("spec.nodeName=" + node))
                .collect(Collectors.joining(","));
        if (kept.equals(selector)) {
            return request;
        }
        Map<String, String> rewritten = new LinkedHashMap<>(query);
        if (kept.isEmpty()) {
            rewritten.remove("fieldSelector");
        } else {
            rewritten.put("fieldSelector", kept);
        }
        String path = request.getPath();
        int queryStart = path.indexOf('?');
        String newQuery = rewritten.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String newPath = path.substring(0, queryStart) + (newQuery.isEmpty() ? "" : "?" + newQuery);
        return new RecordedRequest(request.getHttpVersion(), request.method(), newPath, request.getHeaders(), request.getBody());
    }

    private static Map<String, String> query(String path) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = URI.create(path).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", JSON).setBody("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"%s","reason":"%s","code":%d}"""
                .formatted(message, reason, code));
    }
}
