package io.tributary.receiver.prometheus;

/** Prometheus' reserved label names. */
final class Labels {
    static final String NAME = "__name__";
    static final String ADDRESS = "__address__";
    static final String SCHEME = "__scheme__";
    static final String METRICS_PATH = "__metrics_path__";
    static final String SCRAPE_INTERVAL = "__scrape_interval__";
    static final String SCRAPE_TIMEOUT = "__scrape_timeout__";
    static final String PARAM_PREFIX = "__param_";
    static final String META_PREFIX = "__meta_";
    /** Labels starting so are the target's own and never reach a sample. */
    static final String RESERVED_PREFIX = "__";
    static final String JOB = "job";
    static final String INSTANCE = "instance";
    static final String BUCKET = "le";
    static final String QUANTILE = "quantile";
    /** A target label a sample already has is kept under this prefix (unless {@code honor_labels}). */
    static final String EXPORTED_PREFIX = "exported_";

    private Labels() {
    }
}
