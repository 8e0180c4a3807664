package io.tributary.compat;

import com.google.gson.JsonElement;
import java.util.List;

/**
 * The {@code resource} processor: every action on resource attributes ({@code insert},
 * {@code update}, {@code upsert}, {@code delete}, {@code hash}, {@code extract},
 * {@code convert}) with {@code value}, {@code from_attribute} and {@code pattern}, one pipeline
 * per config, all given {@link SampleTraces#REQUEST} (four resources, one without a service
 * name). Compared: every span as delivered, with its resource.
 */
final class ResourceScenario implements TrafficScenario {
    private static final ProcessorCases CASES = new ProcessorCases("resource", List.of(
            attributes("insert-update-upsert", """
                    - {key: deployment.environment, action: insert, value: staging}
                    - {key: service.namespace, action: insert, value: shop}
                    - {key: host.name, action: update, value: redacted}
                    - {key: service.version, action: upsert, value: 1.4.2}
                    - {key: service.name, action: upsert, value: renamed}
                    """),
            attributes("typed-values", """
                    - {key: replicas, action: insert, value: 3}
                    - {key: weight, action: insert, value: 0.75}
                    - {key: canary, action: upsert, value: false}
                    - {key: zones, action: insert, value: [a, b]}
                    """),
            attributes("from-attribute", """
                    - {key: service.instance.id, action: insert, from_attribute: host.name}
                    - {key: service.name, action: insert, from_attribute: telemetry.sdk.language}
                    - {key: k8s.pod.name, action: update, from_attribute: host.name}
                    - {key: owner, action: upsert, from_attribute: k8s.namespace.name}
                    """),
            attributes("delete", """
                    - {key: host.name, action: delete}
                    - {action: delete, pattern: "^k8s\\\\."}
                    - {key: not.there, action: delete}
                    """),
            attributes("hash", """
                    - {key: host.name, action: hash}
                    - {key: process.pid, action: hash}
                    - {action: hash, pattern: "^cloud"}
                    """),
            attributes("extract", """
                    - key: container.image.name
                      action: extract
                      pattern: ^(?P<registry>[^/]+)/(?P<repository>[^:]+):(?P<image_tag>.+)$
                    - {key: k8s.namespace.name, action: extract, pattern: "^(?P<team>[a-z]+)-(?P<stage>[a-z]+)$"}
                    """),
            attributes("convert", """
                    - {key: build.number, action: convert, converted_type: int}
                    - {key: process.pid, action: convert, converted_type: string}
                    - {key: cloud.region, action: convert, converted_type: double}
                    - {key: process.pid, action: convert, converted_type: double}
                    """)));

    @Override
    public String name() {
        return "resource";
    }

    @Override
    public String config() {
        return CASES.config();
    }

    @Override
    public JsonElement observe(RunningCollector collector) throws Exception {
        return CASES.observe(collector, c -> List.of(SampleTraces.REQUEST));
    }

    private static ProcessorCases.Case attributes(String name, String actions) {
        return new ProcessorCases.Case(name, "attributes:\n" + ProcessorCases.indent(actions, 2));
    }
}
