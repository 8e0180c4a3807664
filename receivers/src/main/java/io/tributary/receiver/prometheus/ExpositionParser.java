package io.tributary.receiver.prometheus;

import io.tributary.receiver.prometheus.Exposition.Exemplar;
import io.tributary.receiver.prometheus.Exposition.Metadata;
import io.tributary.receiver.prometheus.Exposition.Sample;
import io.tributary.translator.GoFloats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the Prometheus text format (0.0.4, and 1.0.0 which adds quoted UTF-8 names) and
 * OpenMetrics 1.0 text, accepting and refusing what Prometheus' own parsers do: the text format
 * is lenient about blank lines, comments and whitespace; OpenMetrics wants single spaces, no
 * stray comments and a final {@code # EOF}. Any error fails the whole exposition, as it fails
 * the whole scrape in Prometheus. {@code _created} lines are samples like any other; the
 * translation turns them into start times.
 */
final class ExpositionParser {
    /** Which of the two grammars. */
    enum Format { TEXT, OPENMETRICS }

    /** The exposition does not parse; the message says where, in Prometheus' words where it has them. */
    static final class ExpositionException extends Exception {
        ExpositionException(String message) {
            super(message);
        }
    }

    private static final Set<String> TEXT_TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final Set<String> OPENMETRICS_TYPES = Set.of("counter", "gauge", "histogram", "gaugehistogram", "summary",
            "info", "stateset", "unknown");

    private final Format format;
    private final Map<String, Metadata> metadata = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();
    /** The type of the last {@code # TYPE} line, which decides whether {@code le}/{@code quantile} are normalized. */
    private String currentType = Metadata.UNKNOWN;
    /** The line being read and the position in it. */
    private String line;
    private int pos;

    private ExpositionParser(Format format) {
        this.format = format;
    }

    static Exposition parse(String text, Format format) throws ExpositionException {
        ExpositionParser parser = new ExpositionParser(format);
        if (format == Format.TEXT) {
            parser.parseText(text);
        } else {
            parser.parseOpenMetrics(text);
        }
        return new Exposition(parser.metadata, parser.samples);
    }

    private void parseText(String text) throws ExpositionException {
        for (String textLine : lines(text)) {
            start(textLine);
            skipWhitespace();
            if (atEnd()) {
                continue;
            }
            if (peek() == '#') {
                textComment();
            } else {
                sample();
            }
        }
    }

    private void parseOpenMetrics(String text) throws ExpositionException {
        List<String> lines = lines(text);
        for (int i = 0; i < lines.size(); i++) {
            start(lines.get(i));
            if (line.equals("# EOF")) {
                if (i != lines.size() - 1) {
                    throw new ExpositionException("unexpected data after # EOF");
                }
                return;
            }
            if (line.startsWith("# ")) {
                openMetricsMetadata();
            } else if (!atEnd() && (peek() == '{' || isNameStart(peek()))) {
                sample();
            } else {
                throw error("expected a valid start token");
            }
        }
        throw new ExpositionException("data does not end with # EOF");
    }

    /** The lines of {@code text}; a final line break ends the last line rather than starting an empty one. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** A text-format line starting with {@code #}: HELP, TYPE, or a comment to skip. */
    private void textComment() throws ExpositionException {
        pos++;
        if (atEnd() || !isWhitespace(peek())) {
            return;
        }
        skipWhitespace();
        for (String keyword : List.of("HELP", "TYPE")) {
            if (line.startsWith(keyword, pos) && pos + 4 < line.length() && isWhitespace(line.charAt(pos + 4))) {
                pos += 4;
                skipWhitespace();
                String name = metadataName(keyword);
                // Prometheus drops exactly the one character after the name.
                String rest = line.substring(pos);
                String value = rest.length() > 1 ? rest.substring(1) : "";
                if (keyword.equals("HELP")) {
                    setHelp(name, value.replace("\\\\", "\u0000").replace("\\n", "\n").replace('\u0000', '\\'));
                } else {
                    if (!TEXT_TYPES.contains(value)) {
                        throw new ExpositionException("invalid metric type \"" + value + "\"");
                    }
                    setType(name, value.equals("untyped") ? Metadata.UNKNOWN : value);
                }
                return;
            }
        }
    }

    /** An OpenMetrics {@code # HELP}, {@code # TYPE} or {@code # UNIT} line; anything else after {@code # } is an error. */
    private void openMetricsMetadata() throws ExpositionException {
        pos = 2;
        String keyword = line.length() >= 7 ? line.substring(2, 6) : "";
        if (!(keyword.equals("HELP") || keyword.equals("TYPE") || keyword.equals("UNIT")) || line.charAt(6) != ' ') {
            throw error("expected a valid start token");
        }
        pos = 7;
        String name = metadataName(keyword);
        if (atEnd() || peek() != ' ') {
            throw new ExpositionException("expected text in " + keyword);
        }
        String value = line.substring(pos + 1);
        switch (keyword) {
            case "HELP" -> setHelp(name, unescape(value));
            case "TYPE" -> {
                if (!OPENMETRICS_TYPES.contains(value)) {
                    throw new ExpositionException("invalid metric type \"" + value + "\"");
                }
                setType(name, value);
            }
            default -> {
                if (!value.isEmpty() && !(name.endsWith("_" + value))) {
                    throw new ExpositionException("unit \"" + value + "\" not a suffix of metric \"" + name + "\"");
                }
                metadata.merge(name, new Metadata(Metadata.UNKNOWN, "", value), (old, fresh) -> new Metadata(old.type(), old.help(), value));
            }
        }
    }

    private String metadataName(String keyword) throws ExpositionException {
        if (!atEnd() && peek() == '"') {
            return quoted();
        }
        String name = metricName();
        if (name.isEmpty()) {
            throw error("expected metric name after " + keyword);
        }
        return name;
    }

    private void setType(String name, String type) {
        currentType = type;
        metadata.merge(name, new Metadata(type, "", ""), (old, fresh) -> new Metadata(type, old.help(), old.unit()));
    }

    private void setHelp(String name, String help) {
        metadata.merge(name, new Metadata(Metadata.UNKNOWN, help, ""), (old, fresh) -> new Metadata(old.type(), help, old.unit()));
    }

    /** {@code name{labels} value [timestamp] [# {exemplar labels} value [timestamp]]}, or {@code {"name", labels} ...}. */
    private void sample() throws ExpositionException {
        SortedMap<String, String> labels = new TreeMap<>();
        String name = null;
        if (peek() != '{') {
            name = metricName();
            if (name.isEmpty()) {
                throw error("expected a valid start token");
            }
            skipLenientWhitespace();
        }
        if (!atEnd() && peek() == '{') {
            pos++;
            name = labels(labels, name, false);
        }
        if (name == null) {
            throw error("metric name not set");
        }
        labels.put(Labels.NAME, name);
        double value = parseValue(valueToken("metric"));
        Long timestamp = null;
        Exemplar exemplar = null;
        if (format == Format.TEXT) {
            skipWhitespace();
            if (!atEnd()) {
                int start = pos;
                while (!atEnd() && isDigit(peek())) {
                    pos++;
                }
                if (start == pos) {
                    throw error("expected timestamp or new record");
                }
                try {
                    timestamp = Long.parseLong(line.substring(start, pos));
                } catch (NumberFormatException e) {
                    throw error("timestamp out of range");
                }
                skipWhitespace();
                if (!atEnd()) {
                    throw error("expected next entry after timestamp");
                }
            }
        } else {
            if (!atEnd() && !line.startsWith(" # {", pos)) {
                timestamp = openMetricsTimestamp("invalid timestamp");
            }
            if (line.startsWith(" # {", pos)) {
                pos += 4;
                exemplar = exemplar();
            }
            if (!atEnd()) {
                throw error("expected next entry after timestamp");
            }
        }
        normalizeBoundary(labels);
        samples.add(new Sample(labels, value, timestamp, exemplar));
    }

    private Exemplar exemplar() throws ExpositionException {
        SortedMap<String, String> labels = new TreeMap<>();
        labels(labels, null, true);
        double value = parseValue(valueToken("exemplar labels"));
        Long timestamp = atEnd() ? null : openMetricsTimestamp("invalid exemplar timestamp");
        return new Exemplar(labels, value, timestamp);
    }

    /** An OpenMetrics timestamp: a space and float seconds, as milliseconds. */
    private long openMetricsTimestamp(String invalid) throws ExpositionException {
        if (peek() != ' ') {
            throw error("expected timestamp or comment");
        }
        pos++;
        int start = pos;
        while (!atEnd() && peek() != ' ') {
            pos++;
        }
        double seconds = parseValue(line.substring(start, pos));
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw new ExpositionException(invalid + " " + seconds);
        }
        return (long) (seconds * 1000);
    }

    /**
     * The labels between braces (the opening one read) into {@code labels}; returns the metric
     * name, which may be written inside as a lone quoted string.
     */
    private String labels(SortedMap<String, String> labels, String metricName, boolean exemplar) throws ExpositionException {
        String name = metricName;
        while (true) {
            skipLenientWhitespace();
            if (atEnd()) {
                throw error("expected label name");
            }
            if (peek() == '}') {
                pos++;
                return name;
            }
            boolean quotedName = peek() == '"';
            String label = quotedName ? quoted() : labelName();
            if (label.isEmpty()) {
                throw error("expected label name");
            }
            skipLenientWhitespace();
            if (quotedName && !atEnd() && (peek() == ',' || peek() == '}')) {
                if (exemplar) {
                    throw error("expected label name");
                }
                if (name != null) {
                    throw error("metric name already set");
                }
                name = label;
                if (peek() == ',') {
                    pos++;
                }
                continue;
            }
            if (atEnd() || peek() != '=') {
                throw error("expected equal");
            }
            pos++;
            skipLenientWhitespace();
            if (atEnd() || peek() != '"') {
                throw error("expected label value");
            }
            String value = quoted();
            if (labels.containsKey(label)) {
                throw new ExpositionException("invalid sample: non-unique label names: \"" + label + "\"");
            }
            labels.put(label, value);
            skipLenientWhitespace();
            if (!atEnd() && peek() == ',') {
                pos++;
            } else if (format == Format.OPENMETRICS && (atEnd() || peek() != '}')) {
                throw error("expected comma or brace close");
            }
        }
    }

    /** The value token after a metric or exemplar: whitespace (one space in OpenMetrics) then non-blank characters. */
    private String valueToken(String after) throws ExpositionException {
        int start;
        if (format == Format.TEXT) {
            skipWhitespace();
            start = pos;
            while (!atEnd() && !isWhitespace(peek()) && peek() != '{') {
                pos++;
            }
        } else {
            if (atEnd() || peek() != ' ') {
                throw error("expected value after " + after);
            }
            start = ++pos;
            while (!atEnd() && peek() != ' ') {
                pos++;
            }
        }
        if (start == pos) {
            throw error("expected value after " + after);
        }
        return line.substring(start, pos);
    }

    private double parseValue(String token) throws ExpositionException {
        try {
            return PromFloats.parse(token);
        } catch (NumberFormatException e) {
            throw new ExpositionException(e.getMessage() + " while parsing: \"" + line + "\"");
        }
    }

    /** As Prometheus, {@code le} of a histogram and {@code quantile} of a summary are rewritten in OpenMetrics' float form ({@code 1} → {@code 1.0}). */
    private void normalizeBoundary(SortedMap<String, String> labels) {
        String boundary = currentType.equals("histogram") ? Labels.BUCKET : currentType.equals("summary") ? Labels.QUANTILE : null;
        String value = boundary == null ? null : labels.get(boundary);
        if (value != null) {
            try {
                labels.put(boundary, GoFloats.openMetrics(PromFloats.parse(value)));
            } catch (NumberFormatException notANumber) {
                // Left as written; the translation reports the bad boundary.
            }
        }
    }

    private String metricName() {
        int start = pos;
        if (!atEnd() && isNameStart(peek())) {
            pos++;
            while (!atEnd() && (isNameStart(peek()) || isDigit(peek()))) {
                pos++;
            }
        }
        return line.substring(start, pos);
    }

    private String labelName() {
        int start = pos;
        if (!atEnd() && isLabelStart(peek())) {
            pos++;
            while (!atEnd() && (isLabelStart(peek()) || isDigit(peek()))) {
                pos++;
            }
        }
        return line.substring(start, pos);
    }

    /** A {@code "..."} string with Prometheus' escapes ({@code \"}, {@code \\}, {@code \n}; any other backslash stays). */
    private String quoted() throws ExpositionException {
        int start = pos++;
        while (!atEnd() && peek() != '"') {
            pos += peek() == '\\' && pos + 1 < line.length() ? 2 : 1;
        }
        if (atEnd()) {
            throw error("unterminated quoted string");
        }
        pos++;
        return unescape(line.substring(start + 1, pos - 1));
    }

    private static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (c == '\\' && (next == '"' || next == '\\' || next == 'n')) {
                out.append(next == 'n' ? '\n' : next);
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private void start(String text) {
        line = text;
        pos = 0;
    }

    private boolean atEnd() {
        return pos >= line.length();
    }

    private char peek() {
        return line.charAt(pos);
    }

    private void skipWhitespace() {
        while (!atEnd() && isWhitespace(peek())) {
            pos++;
        }
    }

    /** Whitespace between tokens: allowed in the text format, not in OpenMetrics. */
    private void skipLenientWhitespace() {
        if (format == Format.TEXT) {
            skipWhitespace();
        }
    }

    private ExpositionException error(String expected) {
        return new ExpositionException(expected + " while parsing: \"" + line.substring(0, Math.min(line.length(), pos + 1)) + "\"");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isNameStart(char c) {
        return isLabelStart(c) || c == ':';
    }

    private static boolean isLabelStart(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
