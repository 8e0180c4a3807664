package io.tributary.receiver.prometheus;

import io.tributary.config.Problems;

/**
 * The per-scrape limits, written in {@code global} and in each scrape config (where 0, the
 * default, takes the global value); a scrape over a limit fails as a whole, {@code up} 0, as in
 * Prometheus. 0 means no limit.
 */
public record ScrapeLimits(
        PromBytes bodySizeLimit,
        long sampleLimit,
        long labelLimit,
        long labelNameLengthLimit,
        long labelValueLengthLimit) {
    public static final ScrapeLimits DEFAULT = new ScrapeLimits(PromBytes.NONE, 0, 0, 0, 0);

    public ScrapeLimits {
        if (bodySizeLimit == null) {
            bodySizeLimit = PromBytes.NONE;
        }
        Problems problems = new Problems();
        problems.when(sampleLimit < 0, "sample_limit", "must not be negative");
        problems.when(labelLimit < 0, "label_limit", "must not be negative");
        problems.when(labelNameLengthLimit < 0, "label_name_length_limit", "must not be negative");
        problems.when(labelValueLengthLimit < 0, "label_value_length_limit", "must not be negative");
        problems.throwIfAny();
    }

    /** These limits, each unset one (0) taking {@code global}'s. */
    ScrapeLimits orElse(ScrapeLimits global) {
        return new ScrapeLimits(
                bodySizeLimit.isZero() ? global.bodySizeLimit : bodySizeLimit,
                sampleLimit == 0 ? global.sampleLimit : sampleLimit,
                labelLimit == 0 ? global.labelLimit : labelLimit,
                labelNameLengthLimit == 0 ? global.labelNameLengthLimit : labelNameLengthLimit,
                labelValueLengthLimit == 0 ? global.labelValueLengthLimit : labelValueLengthLimit);
    }
}
