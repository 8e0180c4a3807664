package io.tributary.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Prometheus text exposition (version 0.0.4, what {@code /metrics} of otelcol and Tributary
 * serve) or an OpenMetrics 1.0 one (what a scrape that asks for it gets) read into families and
 * samples, for tests and the compatibility lab to check metrics by name and labels rather than by
 * matching lines. Sample timestamps are not kept.
 */
public final class PrometheusScrape {
    private static final String TYPE = "# TYPE ";
    private static final String HELP = "# HELP ";
    private static final String UNIT = "# UNIT ";
    /** Between a sample and its exemplar (OpenMetrics). */
    private static final String EXEMPLAR = " # ";
    /**
     * The sample suffixes a family writes besides its own name: a histogram's or summary's parts,
     * and OpenMetrics' counter ({@code _total}, {@code _created}), info and gauge histogram parts.
     */
    private static final List<String> PART_SUFFIXES = List.of("_bucket", "_sum", "_count", "_total", "_created", "_info",
            "_gcount", "_gsum");

    /** One sample line: its name as written (e.g. {@code x_bucket}), labels, value, and its exemplar (OpenMetrics) or null. */
    public record Sample(String name, Map<String, String> labels, double value, Exemplar exemplar) {
    }

    /** An OpenMetrics exemplar: its labels (e.g. {@code trace_id}, {@code span_id}) and value; its timestamp is not kept. */
    public record Exemplar(Map<String, String> labels, double value) {
    }

    /**
     * One family: its {@code # TYPE} ({@code untyped} without one), {@code # HELP} and
     * {@code # UNIT} (empty without one) and its samples in order.
     */
    public record Family(String name, String type, String help, String unit, List<Sample> samples) {
    }

    private final Map<String, Family> families;

    private PrometheusScrape(Map<String, Family> families) {
        this.families = Collections.unmodifiableMap(families);
    }

    public static PrometheusScrape parse(String exposition) {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith(TYPE)) {
                String[] nameAndType = line.substring(TYPE.length()).trim().split(" ");
                types.put(nameAndType[0], nameAndType[1]);
            } else if (line.startsWith(HELP)) {
                putNameAndText(line.substring(HELP.length()), helps);
            } else if (line.startsWith(UNIT)) {
                putNameAndText(line.substring(UNIT.length()), units);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Sample sample = sample(line);
                samples.computeIfAbsent(familyOf(sample.name(), types), n -> new ArrayList<>()).add(sample);
            }
        }
        Map<String, Family> families = new TreeMap<>();
        types.forEach((name, type) -> families.put(name, new Family(name, type, helps.getOrDefault(name, ""),
                units.getOrDefault(name, ""), samples.getOrDefault(name, List.of()))));
        samples.forEach((name, list) -> families.putIfAbsent(name, new Family(name, "untyped", "", "", list)));
        return new PrometheusScrape(families);
    }

    /** {@code name text...} of a HELP or UNIT line, the text unescaped ({@code \\}, {@code \n}). */
    private static void putNameAndText(String nameAndText, Map<String, String> into) {
        int space = nameAndText.indexOf(' ');
        String name = space < 0 ? nameAndText : nameAndText.substring(0, space);
        into.put(name, space < 0 ? "" : unescape(nameAndText.substring(space + 1)));
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char escaped = text.charAt(++i);
                out.append(escaped == 'n' ? '\n' : escaped);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Every family by name, sorted. */
    public Map<String, Family> families() {
        return families;
    }

    /**
     * The sum of the samples named {@code name} whose labels include every one of {@code labels};
     * zero when none matches (a counter that never counted is not listed at all).
     */
    public double sum(String name, Map<String, String> labels) {
        return families.values().stream().flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    private static String familyOf(String sampleName, Map<String, String> types) {
        if (types.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : PART_SUFFIXES) {
            if (sampleName.endsWith(suffix)) {
                String family = sampleName.substring(0, sampleName.length() - suffix.length());
                if (types.containsKey(family)) {
                    return family;
                }
            }
        }
        return sampleName;
    }

    /**
     * {@code name{label="value",...} value [timestamp] [# {label="value",...} value [timestamp]]},
     * label values with {@code \\}, {@code \"}, {@code \n} escapes.
     */
    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i, labels);
        }
        String rest = line.substring(i);
        Exemplar exemplar = null;
        int exemplarStart = rest.indexOf(EXEMPLAR);
        if (exemplarStart >= 0) {
            exemplar = exemplar(rest.substring(exemplarStart + EXEMPLAR.length()).trim());
            rest = rest.substring(0, exemplarStart);
        }
        String[] valueAndTimestamp = rest.trim().split("\\s+");
        return new Sample(name, Collections.unmodifiableMap(labels), parseValue(valueAndTimestamp[0]), exemplar);
    }

    /** {@code {label="value",...} value [timestamp]}. */
    private static Exemplar exemplar(String text) {
        Map<String, String> labels = new TreeMap<>();
        int end = labels(text, 0, labels);
        return new Exemplar(Collections.unmodifiableMap(labels), parseValue(text.substring(end).trim().split("\\s+")[0]));
    }

    /** Reads the label set that opens at {@code line[open]} ({@code '{'}) into {@code labels}; returns the index past its {@code '}'}. */
    private static int labels(String line, int open, Map<String, String> labels) {
        int i = open + 1;
        while (line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            String label = line.substring(i, equals).trim();
            StringBuilder value = new StringBuilder();
            int j = equals + 2; // past ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j++);
                if (c == '\\') {
                    char escaped = line.charAt(j++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(label, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
