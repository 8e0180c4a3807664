package io.tributary.distribution;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.event.KeyValuePair;

/**
 * Writes each event in the shape of otelcol's zap logger (production encoder config with ISO8601
 * times), so tools that parse the collector's logs read ours. {@code json}: one object per line,
 * {@code level}, {@code ts}, {@code caller}, {@code msg}, then every field as a top-level key
 * (SLF4J key-value pairs in order, then an attached exception as {@code error}), and
 * {@code stacktrace} at error level. {@code console}: {@code ts⇥level⇥caller⇥msg⇥{"key": "value"}}.
 */
public final class ZapEncoder extends EncoderBase<ILoggingEvent> {
    /** zap's ISO8601TimeEncoder layout, {@code 2006-01-02T15:04:05.000Z0700}, in local time. */
    private static final DateTimeFormatter ISO8601 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private record Field(String key, Object value) {
    }

    private boolean json;
    private boolean caller = true;
    /** zap production config: stack traces from error level on; development mode: from warn. */
    private Level stacktraceLevel = Level.ERROR;
    private Map<String, String> initialFields = Map.of();
    private ZoneId zone = ZoneId.systemDefault();

    /** The console encoding with otelcol's defaults (the one {@code logback.xml} names). */
    public ZapEncoder() {
    }

    /** {@code service::telemetry::logs}' encoding, {@code disable_caller}, {@code disable_stacktrace}, {@code development}, {@code initial_fields}. */
    ZapEncoder(boolean json, boolean disableCaller, boolean disableStacktrace, boolean development,
            Map<String, String> initialFields, ZoneId zone) {
        this.json = json;
        this.caller = !disableCaller;
        this.stacktraceLevel = disableStacktrace ? null : development ? Level.WARN : Level.ERROR;
        this.initialFields = Map.copyOf(initialFields);
        this.zone = zone;
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        String ts = ISO8601.format(event.getInstant().atZone(zone));
        String level = level(event.getLevel());
        String where = caller ? caller(event) : null;
        String message = Objects.toString(event.getFormattedMessage(), "");
        List<Field> fields = fields(event);
        String stack = stacktrace(event);
        StringBuilder out = new StringBuilder(256);
        if (json) {
            out.append("{\"level\":");
            string(out, level);
            out.append(",\"ts\":");
            string(out, ts);
            if (where != null) {
                out.append(",\"caller\":");
                string(out, where);
            }
            out.append(",\"msg\":");
            string(out, message);
            for (Field field : fields) {
                out.append(',');
                string(out, field.key());
                out.append(':');
                value(out, field.value());
            }
            if (stack != null) {
                out.append(",\"stacktrace\":");
                string(out, stack);
            }
            out.append('}');
        } else {
            out.append(ts).append('\t').append(level);
            if (where != null) {
                out.append('\t').append(where);
            }
            out.append('\t').append(message);
            if (!fields.isEmpty()) {
                // zap's console encoder writes the fields as a spaced JSON object.
                out.append("\t{");
                for (int i = 0; i < fields.size(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    string(out, fields.get(i).key());
                    out.append(": ");
                    value(out, fields.get(i).value());
                }
                out.append('}');
            }
            if (stack != null) {
                out.append('\n').append(stack);
            }
        }
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** zap's LowercaseLevelEncoder; Logback's trace has no zap level and reads as debug. */
    private static String level(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "error";
            case Level.WARN_INT -> "warn";
            case Level.INFO_INT -> "info";
            default -> "debug";
        };
    }

    /** As zap's ShortCallerEncoder ({@code otlpreceiver/otlp.go:120}): the last package segment, the file and line. */
    private static String caller(ILoggingEvent event) {
        StackTraceElement[] frames = event.getCallerData();
        if (frames == null || frames.length == 0) {
            return null;
        }
        StackTraceElement frame = frames[0];
        String className = frame.getClassName();
        int lastDot = className.lastIndexOf('.');
        String pkg = lastDot < 0 ? "" : className.substring(className.lastIndexOf('.', lastDot - 1) + 1, lastDot + 1)
                .replace('.', '/');
        String file = frame.getFileName() != null ? frame.getFileName() : className.substring(lastDot + 1);
        return pkg + file + ":" + frame.getLineNumber();
    }

    private List<Field> fields(ILoggingEvent event) {
        List<Field> fields = new ArrayList<>();
        initialFields.forEach((key, value) -> fields.add(new Field(key, value)));
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                fields.add(new Field(String.valueOf(pair.key), pair.value));
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            // zap.Error(err) writes err.Error(): the message, not the type.
            fields.add(new Field("error", thrown.getMessage() != null ? thrown.getMessage() : thrown.getClassName()));
        }
        return fields;
    }

    /** zap attaches the logging call's stack; with an exception, its trace says more. */
    private String stacktrace(ILoggingEvent event) {
        if (stacktraceLevel == null || !event.getLevel().isGreaterOrEqual(stacktraceLevel)) {
            return null;
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            return ThrowableProxyUtil.asString(thrown).stripTrailing();
        }
        StackTraceElement[] frames = event.getCallerData();
        if (frames == null || frames.length == 0) {
            return null;
        }
        StringBuilder stack = new StringBuilder();
        for (StackTraceElement frame : frames) {
            stack.append(stack.isEmpty() ? "" : "\n").append(frame);
        }
        return stack.toString();
    }

    private static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            out.append(value);
        } else {
            string(out, value.toString());
        }
    }

    /** A JSON string escaped as zap does: quote, backslash and control characters; a lone surrogate becomes U+FFFD. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"', '\\' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append("\\ufffd");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
