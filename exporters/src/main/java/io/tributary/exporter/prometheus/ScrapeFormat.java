package io.tributary.exporter.prometheus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The format a scrape is answered in, chosen from its {@code Accept} header as Prometheus'
 * client_golang (promhttp, expfmt) chooses: the text format 0.0.4, the length-delimited protobuf
 * format, or OpenMetrics (1.0.0, else 0.0.1) when {@code enable_open_metrics} is on and the
 * scraper prefers it; and how names beyond Prometheus' classic character set are escaped
 * ({@code escaping=} of the accepted types, {@code underscores} by default). The protobuf text
 * encodings, which are for debugging, are not offered: a scraper asking for one gets its next
 * choice.
 */
record ScrapeFormat(Kind kind, Escaping escaping) {
    enum Kind {
        TEXT("text/plain; version=0.0.4; charset=utf-8"),
        PROTOBUF("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited"),
        OPEN_METRICS_1_0_0("application/openmetrics-text; version=1.0.0; charset=utf-8"),
        OPEN_METRICS_0_0_1("application/openmetrics-text; version=0.0.1; charset=utf-8");

        private final String mediaType;

        Kind(String mediaType) {
            this.mediaType = mediaType;
        }

        boolean openMetrics() {
            return this == OPEN_METRICS_1_0_0 || this == OPEN_METRICS_0_0_1;
        }
    }

    /** expfmt's name escaping schemes, applied to metric and label names that are not classic Prometheus names. */
    enum Escaping {
        ALLOW_UTF8("allow-utf-8"), UNDERSCORES("underscores"), DOTS("dots"), VALUES("values");

        private final String key;

        Escaping(String key) {
            this.key = key;
        }

        static Escaping of(String key) {
            for (Escaping escaping : values()) {
                if (escaping.key.equals(key)) {
                    return escaping;
                }
            }
            return null;
        }

        /** {@code name} as this scheme writes it; a classic name stays as it is. */
        String escape(String name) {
            if (this == ALLOW_UTF8 || name.isEmpty() || classic(name)) {
                return name;
            }
            StringBuilder out = new StringBuilder(name.length() + 8);
            if (this == VALUES) {
                out.append("U__");
            }
            int index = 0;
            for (int i = 0; i < name.length(); ) {
                int c = name.codePointAt(i);
                boolean valid = classicRune(c, index);
                switch (this) {
                    case UNDERSCORES -> out.append(valid ? Character.toString(c) : "_");
                    case DOTS -> out.append(c == '_' ? "__" : c == '.' ? "_dot_" : valid ? Character.toString(c) : "__");
                    default -> out.append(c == '_' ? "__" : valid ? Character.toString(c) : "_" + Integer.toHexString(c) + "_");
                }
                i += Character.charCount(c);
                index += Character.toString(c).getBytes(StandardCharsets.UTF_8).length;
            }
            return out.toString();
        }
    }

    private static final Pattern CLASSIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /** Whether {@code name} is a classic (legacy) Prometheus metric name, which needs no quotes or escaping. */
    static boolean classic(String name) {
        return CLASSIC.matcher(name).matches();
    }

    private static boolean classicRune(int c, int byteIndex) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (c >= '0' && c <= '9' && byteIndex > 0);
    }

    /** The {@code Content-Type} of the answer, e.g. {@code text/plain; version=0.0.4; charset=utf-8; escaping=underscores}. */
    String contentType() {
        return kind.mediaType + "; escaping=" + escaping.key;
    }

    /**
     * The format for a scrape that accepts {@code accept} (null or empty: anything). The accepted
     * types are tried in client_golang's order (higher {@code q} first, specific before wildcard);
     * the escaping is the last one named up to the chosen type.
     */
    static ScrapeFormat negotiate(String accept, boolean openMetricsEnabled) {
        Escaping escaping = Escaping.UNDERSCORES;
        for (MediaRange range : MediaRange.parse(accept == null ? "" : accept)) {
            Escaping named = Escaping.of(range.params().getOrDefault("escaping", ""));
            if (named != null) {
                escaping = named;
            }
            String version = range.params().getOrDefault("version", "");
            if (range.type().equals("application") && range.subtype().equals("vnd.google.protobuf")
                    && "io.prometheus.client.MetricFamily".equals(range.params().get("proto"))
                    && "delimited".equals(range.params().get("encoding"))) {
                return new ScrapeFormat(Kind.PROTOBUF, escaping);
            }
            if (range.type().equals("text") && range.subtype().equals("plain") && (version.equals("0.0.4") || version.isEmpty())) {
                return new ScrapeFormat(Kind.TEXT, escaping);
            }
            if (openMetricsEnabled && range.type().equals("application") && range.subtype().equals("openmetrics-text")
                    && (version.equals("0.0.1") || version.equals("1.0.0") || version.isEmpty())) {
                return new ScrapeFormat(version.equals("1.0.0") ? Kind.OPEN_METRICS_1_0_0 : Kind.OPEN_METRICS_0_0_1, escaping);
            }
        }
        return new ScrapeFormat(Kind.TEXT, escaping);
    }

    /** One entry of an {@code Accept} header, read as goautoneg reads it. */
    private record MediaRange(String type, String subtype, float q, Map<String, String> params) {
        static List<MediaRange> parse(String header) {
            List<MediaRange> ranges = new ArrayList<>();
            String remaining = header;
            while (!remaining.isEmpty()) {
                String[] next = nextSplit(remaining, ',');
                remaining = next[1];
                String[] typeAndParams = nextSplit(trimSpaces(next[0]), ';');
                String[] types = nextSplit(typeAndParams[0], '/');
                String type = trimSpaces(types[0]);
                String subtype;
                if (types[1].isEmpty()) {
                    if (!type.equals("*")) {
                        continue;
                    }
                    subtype = "*";
                } else {
                    String[] rest = nextSplit(types[1], '/');
                    if (!rest[1].isEmpty()) {
                        continue;
                    }
                    subtype = trimSpaces(rest[0]);
                }
                float q = 1;
                Map<String, String> params = new HashMap<>();
                String paramsLeft = typeAndParams[1];
                while (!paramsLeft.isEmpty()) {
                    String[] param = nextSplit(paramsLeft, ';');
                    paramsLeft = param[1];
                    String[] keyAndRest = nextSplit(param[0], '=');
                    if (keyAndRest[1].isEmpty()) {
                        continue;
                    }
                    String[] valueAndRest = nextSplit(keyAndRest[1], '=');
                    if (!valueAndRest[1].isEmpty()) {
                        continue;
                    }
                    String key = trimSpaces(keyAndRest[0]);
                    if (key.equals("q")) {
                        q = parseQ(valueAndRest[0]);
                    } else {
                        params.put(key, trimSpaces(valueAndRest[0]));
                    }
                }
                ranges.add(new MediaRange(type, subtype, q, params));
            }
            // goautoneg's order, applied as Go's sort does to short slices: an insertion sort
            for (int i = 1; i < ranges.size(); i++) {
                for (int j = i; j > 0 && ranges.get(j).before(ranges.get(j - 1)); j--) {
                    ranges.set(j, ranges.set(j - 1, ranges.get(j)));
                }
            }
            return ranges;
        }

        /** goautoneg's split: what comes before the first {@code separator}, and what after (empty when there is none). */
        private static String[] nextSplit(String text, char separator) {
            int index = text.indexOf(separator);
            return index < 0 ? new String[] {text, ""} : new String[] {text.substring(0, index), text.substring(index + 1)};
        }

        private boolean before(MediaRange other) {
            return q > other.q || (!type.equals("*") && other.type.equals("*")) || (!subtype.equals("*") && other.subtype.equals("*"));
        }

        /** Go's {@code ParseFloat} yields 0 for what it cannot read, spaces included. */
        private static float parseQ(String text) {
            if (text.isEmpty() || text.strip().length() != text.length()) {
                return 0;
            }
            try {
                return Float.parseFloat(text);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private static String trimSpaces(String text) {
            int start = 0;
            int end = text.length();
            while (start < end && text.charAt(start) == ' ') {
                start++;
            }
            while (end > start && text.charAt(end - 1) == ' ') {
                end--;
            }
            return text.substring(start, end);
        }
    }
}
