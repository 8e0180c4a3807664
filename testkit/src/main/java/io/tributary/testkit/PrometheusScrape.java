package io.tributary.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Prometheus text exposition (version 0.0.4, what {@code /metrics} of otelcol and Tributary
 * serve) read into families and samples, for tests and the compatibility lab to check
 * self-metrics by name and labels rather than by matching lines.
 */
public final class PrometheusScrape {
    private static final String TYPE = "# TYPE ";
    /** The sample suffixes a histogram or summary family writes besides its own name. */
    private static final List<String> PART_SUFFIXES = List.of("_bucket", "_sum", "_count");

    /** One sample line: its name as written (e.g. {@code x_bucket}), labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** One family: its {@code # TYPE} ({@code untyped} without one) and its samples in order. */
    public record Family(String name, String type, List<Sample> samples) {
    }

    private final Map<String, Family> families;

    private PrometheusScrape(Map<String, Family> families) {
        this.families = Collections.unmodifiableMap(families);
    }

    public static PrometheusScrape parse(String exposition) {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith(TYPE)) {
                String[] nameAndType = line.substring(TYPE.length()).trim().split(" ");
                types.put(nameAndType[0], nameAndType[1]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Sample sample = sample(line);
                samples.computeIfAbsent(familyOf(sample.name(), types), n -> new ArrayList<>()).add(sample);
            }
        }
        Map<String, Family> families = new TreeMap<>();
        types.forEach((name, type) -> families.put(name, new Family(name, type, samples.getOrDefault(name, List.of()))));
        samples.forEach((name, list) -> families.putIfAbsent(name, new Family(name, "untyped", list)));
        return new PrometheusScrape(families);
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

    /** {@code name{label="value",...} value [timestamp]}, label values with {@code \\}, {@code \"}, {@code \n} escapes. */
    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
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
            i++;
        }
        String[] rest = line.substring(i).trim().split("\\s+");
        return new Sample(name, Collections.unmodifiableMap(labels), parseValue(rest[0]));
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
