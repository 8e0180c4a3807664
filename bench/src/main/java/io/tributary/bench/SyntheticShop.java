package io.tributary.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The instrumented shop the synthetic traffic comes from: its five services, the resources their
 * SDKs and k8s detectors set, and the routes and tables they use. {@link SyntheticTraces},
 * {@link SyntheticMetrics} and {@link SyntheticLogs} all send as these services.
 */
final class SyntheticShop {
    static final String[] SERVICES = {"frontend", "cart", "checkout", "payment", "product-catalog"};
    static final String[] ROUTES = {"/api/cart", "/api/checkout", "/api/products/{id}", "/api/recommendations", "/api/currency"};
    static final String[] TABLES = {"orders", "cart_items", "products", "payments", "customers"};
    static final String SCHEMA_URL = "https://opentelemetry.io/schemas/1.24.0";
    static final String INSTRUMENTATION_VERSION = "2.10.0-alpha";

    private SyntheticShop() {
    }

    /** Each service's resource, in {@link #SERVICES} order, its pod names and versions drawn from {@code random}. */
    static Map<String, Resource> resources(SplittableRandom random) {
        Map<String, Resource> resources = new LinkedHashMap<>();
        for (String service : SERVICES) {
            resources.put(service, resource(service, random));
        }
        return resources;
    }

    private static Resource resource(String service, SplittableRandom random) {
        String pod = service + "-" + Long.toHexString(random.nextLong()).substring(0, 10) + "-" + Integer.toString(random.nextInt(1 << 20), 36);
        return Resource.newBuilder()
                .addAttributes(string("service.name", service))
                .addAttributes(string("service.namespace", "shop"))
                .addAttributes(string("service.version", "1." + random.nextInt(20) + "." + random.nextInt(10)))
                .addAttributes(string("service.instance.id", new UUID(random.nextLong(), random.nextLong()).toString()))
                .addAttributes(string("deployment.environment.name", "production"))
                .addAttributes(string("telemetry.sdk.name", "opentelemetry"))
                .addAttributes(string("telemetry.sdk.language", "java"))
                .addAttributes(string("telemetry.sdk.version", "1.44.1"))
                .addAttributes(string("telemetry.distro.name", "opentelemetry-java-instrumentation"))
                .addAttributes(string("process.runtime.name", "OpenJDK Runtime Environment"))
                .addAttributes(string("process.runtime.version", "21.0.5+11-LTS"))
                .addAttributes(integer("process.pid", 1))
                .addAttributes(string("host.name", pod))
                .addAttributes(string("host.arch", "amd64"))
                .addAttributes(string("os.type", "linux"))
                .addAttributes(string("k8s.namespace.name", "shop"))
                .addAttributes(string("k8s.deployment.name", service))
                .addAttributes(string("k8s.pod.name", pod))
                .addAttributes(string("k8s.node.name", "ip-10-0-" + random.nextInt(256) + "-" + random.nextInt(256) + ".ec2.internal"))
                .addAttributes(string("cloud.provider", "aws"))
                .addAttributes(string("cloud.region", "eu-west-1"))
                .build();
    }

    /** The attributes of an exception as OpenTelemetry records it, on a span event or a log record. */
    static List<KeyValue> exception(String type, String message) {
        return List.of(string("exception.type", type), string("exception.message", message),
                string("exception.stacktrace", type + ": " + message
                        + "\n\tat shop.http.Client.send(Client.java:118)\n\tat shop.Handler.handle(Handler.java:57)"));
    }

    static InstrumentationScope scope(String name, String version) {
        return InstrumentationScope.newBuilder().setName(name).setVersion(version).build();
    }

    static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    static KeyValue bool(String key, boolean value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setBoolValue(value)).build();
    }

    static ByteString randomBytes(SplittableRandom random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return ByteString.copyFrom(bytes);
    }

    static <T> T pick(SplittableRandom random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
