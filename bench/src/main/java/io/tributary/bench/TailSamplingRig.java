package io.tributary.bench;

import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Processor;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.processor.tailsampling.TailSamplingConfig;
import io.tributary.processor.tailsampling.TailSamplingProcessorFactory;
import java.time.Clock;

/** A {@code tail_sampling} processor built from YAML as the daemon builds it, with a sink that drops what it releases. */
final class TailSamplingRig {
    /** The seed config's policies: errors, slow traces, two endpoints, 10%. */
    static final String SEED_POLICIES = """
            policies:
              - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
              - {name: slow-traces, type: latency, latency: {threshold_ms: 1000}}
              - {name: important-endpoints, type: string_attribute, string_attribute: {key: http.url, values: ["/checkout", "/payment"]}}
              - {name: probabilistic, type: probabilistic, probabilistic: {sampling_percentage: 10}}
            """;

    private TailSamplingRig() {
    }

    static Processor processor(String yaml) {
        TailSamplingProcessorFactory factory = new TailSamplingProcessorFactory();
        TailSamplingConfig config = Binder.bind(ConfigLoader.parse(yaml, "bench", name -> null), "processors::tail_sampling",
                TailSamplingConfig.class, factory.defaultConfig());
        ComponentContext context = new ComponentContext(ComponentId.parse("tail_sampling"), Telemetry.noop(), null, null, null,
                Clock.systemUTC());
        return factory.create(context, config, traces -> { });
    }
}
