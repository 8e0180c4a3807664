package io.tributary.compat;

/**
 * One comparison of otelcol and Tributary. Most scenarios are {@link TrafficScenario}s (one
 * config, the same traffic to both); implement this directly for anything else, such as running
 * a command of each on many configs.
 */
interface Scenario {
    /** Short and stable: the run.sh filter and the allow-list's first column match it. */
    String name();

    Outcome run(Lab lab) throws Exception;
}
