package io.tributary.compat;

import com.google.gson.JsonElement;
import java.util.List;
import java.util.Map;

/**
 * A scenario that runs otelcol and then Tributary with the same config, sends each the same
 * traffic, and diffs what {@link #observe} saw of each: what reached the collector's own
 * recording backends, the answers its receivers gave, whatever the scenario chooses, as one
 * JSON tree (see {@link CanonicalJson} for OTLP).
 */
interface TrafficScenario extends Scenario {
    /** The config both run, with the placeholders of {@link ConfigTemplate}. */
    String config();

    /** Environment variables both collectors get, the same for each. */
    default Map<String, String> environment() {
        return Map.of();
    }

    /** Sends the traffic to a running collector and returns what to compare. */
    JsonElement observe(RunningCollector collector) throws Exception;

    @Override
    default Outcome run(Lab lab) throws Exception {
        JsonElement otelcol = lab.observe(Implementation.OTELCOL, this);
        JsonElement tributary = lab.observe(Implementation.TRIBUTARY, this);
        return new Outcome(TreeDiff.diff(otelcol, tributary), List.of());
    }
}
