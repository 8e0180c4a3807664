package io.tributary.processor.probabilisticsampler;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.tributary.core.data.Logs;
import io.tributary.core.data.wire.AttributeEditor;
import io.tributary.core.data.wire.Attributes;
import io.tributary.core.data.wire.Schema;
import io.tributary.core.data.wire.WireCursor;
import io.tributary.processor.attributes.actions.AttributeEdit;
import io.tributary.processor.filtermatch.AttributeValues;
import io.tributary.processor.probabilisticsampler.ItemSampler.HashSource;
import io.tributary.processor.probabilisticsampler.ItemSampler.Hashed;
import io.tributary.processor.probabilisticsampler.ItemSampler.Outcome;
import io.tributary.processor.probabilisticsampler.ItemSampler.Policy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * otelcol's probabilistic sampler for log records (its logsprocessor): a record's randomness is,
 * in hash mode, the FNV hash of seed and trace ID ({@code attribute_source: traceID}) or, failing
 * that, of the {@code from_attribute} attribute's value, else in the OTEP 235 modes its
 * {@code sampling.randomness} attribute or its trace ID's low 56 bits; its arriving threshold is
 * its {@code sampling.threshold} attribute; the {@code sampling_priority} attribute, a percentage,
 * replaces the threshold. A kept record gets {@code sampling.threshold} (and in hash mode
 * {@code sampling.randomness}) written as otelcol writes them. Immutable and thread-safe.
 *
 * <p>A batch is sampled on its bytes in two passes: the records are decided and the dropped ones
 * left out ({@link WireSampler}), then the kept records whose attributes change are edited where
 * they lie ({@link AttributeEditor}); a record that neither goes nor changes is never decoded.
 */
final class LogSampler {
    static final String THRESHOLD = "sampling.threshold";
    static final String RANDOMNESS = "sampling.randomness";
    private static final byte[] THRESHOLD_KEY = THRESHOLD.getBytes(StandardCharsets.UTF_8);
    private static final byte[] RANDOMNESS_KEY = RANDOMNESS.getBytes(StandardCharsets.UTF_8);
    private static final int TRACE_ID = Schema.lengthDelimited(Schema.LogRecord.TRACE_ID);

    private final ItemSampler sampler;
    private final boolean traceIdSource;
    /** The attribute hashed when the trace ID gives no randomness, UTF-8; null when not configured. */
    private final byte[] fromAttribute;
    /** The attribute holding a record's sampling percentage, UTF-8; null when not configured. */
    private final byte[] priorityAttribute;
    private final WireSampler<Logs> wire = new WireSampler<>(Schema.LOGS, Logs::trusted);

    LogSampler(ProbabilisticSamplerConfig config) {
        this.sampler = new ItemSampler(config, "logs sampler");
        this.traceIdSource = !config.attributeSource().equals("record");
        this.fromAttribute = utf8OrNull(config.fromAttribute());
        this.priorityAttribute = utf8OrNull(config.samplingPriority());
    }

    /** The logs with only their kept records, edited as otelcol edits them; null when none is kept. */
    Logs sample(Logs logs, int[] counts) {
        Batch batch = new Batch(counts);
        Logs kept = wire.sample(logs, batch);
        if (kept == null || !batch.edits) {
            return kept;
        }
        return kept.editAttributes(AttributeEditor.items(batch, batch::apply));
    }

    /**
     * A change to a kept record's attributes, as otelcol's log record carrier makes it:
     * {@code value} put as a string, or the key removed when it is null.
     */
    record AttributeChange(String key, String value) {
    }

    /**
     * The OTEP 235 values of one log record, its {@code sampling.threshold} and
     * {@code sampling.randomness} string attributes, and the changes deciding it made to them.
     */
    static final class RecordCarrier extends Carrier {
        private final List<AttributeChange> changes = new ArrayList<>(2);

        /** Reads the record in [from, to) of {@code buf}; a value that does not parse is an error, the other is kept. */
        static RecordCarrier read(byte[] buf, int from, int to) {
            RecordCarrier carrier = new RecordCarrier();
            String tValue = stringAttribute(buf, from, to, THRESHOLD_KEY);
            if (!tValue.isEmpty()) {
                try {
                    carrier.threshold = Otep235.parseTValue(tValue);
                    carrier.tValue = tValue;
                } catch (Otep235.FormatException e) {
                    carrier.error = e.getMessage();
                }
            }
            String rValue = stringAttribute(buf, from, to, RANDOMNESS_KEY);
            if (!rValue.isEmpty()) {
                try {
                    carrier.randomness = Otep235.parseRValue(rValue);
                    carrier.rValue = rValue;
                } catch (Otep235.FormatException e) {
                    carrier.error = carrier.error == null ? e.getMessage() : e.getMessage() + "; " + carrier.error;
                }
            }
            return carrier;
        }

        List<AttributeChange> changes() {
            return changes;
        }

        @Override
        void setRandomness(long value) {
            super.setRandomness(value);
            changes.add(new AttributeChange(RANDOMNESS, rValue));
        }

        @Override
        void clearThreshold() {
            threshold = Otep235.NEVER;
            tValue = "";
            changes.add(new AttributeChange(THRESHOLD, null));
        }

        /** As otelcol's: the attribute is written, the threshold read before stays what it was. */
        @Override
        boolean updateThreshold(long newThreshold) {
            if (hasTValue() && newThreshold < threshold) {
                return false;
            }
            changes.add(new AttributeChange(THRESHOLD, Otep235.tValue(newThreshold)));
            return true;
        }
    }

    /**
     * The decisions of one batch: each record decided as the walk meets it, and the attribute
     * changes of the kept ones remembered in order, for the edit of the kept records that follows
     * (which meets them in the same order).
     */
    private final class Batch implements WireSampler.ItemDecider, AttributeEditor.ItemSelector {
        private final int[] counts;
        /** Per kept record, its changes; null for a record that keeps its attributes. */
        private final List<List<AttributeChange>> changes = new ArrayList<>();
        boolean edits;
        private int next;
        private List<AttributeChange> current;

        Batch(int[] counts) {
            this.counts = counts;
        }

        @Override
        public byte[] decide(byte[] buf, int start, int end) {
            ByteString traceId = traceId(buf, start, end);
            RecordCarrier carrier = RecordCarrier.read(buf, start, end);
            HashSource hashSource = () -> hash(traceId, buf, start, end);
            Outcome outcome = sampler.decide(traceId, carrier, hashSource, false, priorityThreshold(buf, start, end));
            counts[SamplerMetrics.index(outcome.policy(), outcome.sampled())]++;
            if (!outcome.sampled()) {
                return null;
            }
            List<AttributeChange> kept = !outcome.carrierUsed() || carrier.changes().isEmpty() ? null : carrier.changes();
            edits |= kept != null;
            changes.add(kept);
            return buf;
        }

        @Override
        public boolean selects(byte[] buf, int from, int to) {
            current = changes.get(next++);
            return current != null;
        }

        /** The changes of the record {@link #selects} last chose, made to its attributes. */
        List<KeyValue> apply(List<KeyValue> attributes) {
            AttributeEdit edit = new AttributeEdit(attributes);
            for (AttributeChange change : current) {
                if (change.value() == null) {
                    edit.remove(change.key());
                } else {
                    edit.put(change.key(), AnyValue.newBuilder().setStringValue(change.value()).build());
                }
            }
            return edit.result();
        }
    }

    /** The hash mode's randomness of a record: its trace ID's ({@code attribute_source: traceID}), else its {@code from_attribute}'s. */
    private Hashed hash(ByteString traceId, byte[] buf, int start, int end) {
        if (traceIdSource && !ItemSampler.isEmptyTraceId(traceId)) {
            return new Hashed(Policy.TRACE_ID_HASH, sampler.hashRandomness(traceId));
        }
        ByteString source = attributeBytes(buf, start, end);
        if (source != null && !source.isEmpty()) {
            return new Hashed(Policy.ATTRIBUTE_HASH, sampler.hashRandomness(source));
        }
        return Hashed.MISSING;
    }

    /**
     * The threshold the record's priority attribute asks for: its int or double value is a
     * percentage; 0, another type, or a probability outside OTEP 235's range asks for nothing.
     */
    private Long priorityThreshold(byte[] buf, int start, int end) {
        AnyValue value = attribute(buf, start, end, priorityAttribute);
        if (value == null) {
            return null;
        }
        double probability = switch (value.getValueCase()) {
            case DOUBLE_VALUE -> value.getDoubleValue() / 100.0;
            case INT_VALUE -> value.getIntValue() / 100.0;
            default -> 0;
        };
        if (!(probability >= Otep235.MIN_SAMPLING_PROBABILITY && probability <= 1)) {
            return null;
        }
        return Otep235.fromProbability(probability, sampler.precision());
    }

    /** What the hash mode hashes of the {@code from_attribute} value: a bytes value as it is, any other as pdata's text of it. */
    private ByteString attributeBytes(byte[] buf, int start, int end) {
        AnyValue value = attribute(buf, start, end, fromAttribute);
        if (value == null) {
            return null;
        }
        return value.hasBytesValue() ? value.getBytesValue() : ByteString.copyFromUtf8(AttributeValues.asString(value));
    }

    private static ByteString traceId(byte[] buf, int start, int end) {
        WireCursor in = new WireCursor(buf, start, end);
        while (in.more()) {
            int tag = in.tag();
            if (tag == TRACE_ID) {
                int idEnd = in.lengthEnd();
                return UnsafeByteOperations.unsafeWrap(buf, in.pos(), idEnd - in.pos());
            }
            in.skip(tag);
        }
        return ByteString.EMPTY;
    }

    /** A string attribute's value; "" when absent or of another type, as otelcol's carrier reads it. */
    private static String stringAttribute(byte[] buf, int start, int end, byte[] key) {
        AnyValue value = attribute(buf, start, end, key);
        return value != null && value.hasStringValue() ? value.getStringValue() : "";
    }

    /** The first attribute named {@code key} of the record, or null (also when {@code key} is null). */
    private static AnyValue attribute(byte[] buf, int start, int end, byte[] key) {
        Attributes.Value value = key == null ? null : Attributes.find(buf, start, end, Schema.LogRecord.ATTRIBUTES, key);
        if (value == null) {
            return null;
        }
        try {
            return AnyValue.parseFrom(UnsafeByteOperations.unsafeWrap(buf, value.from(), value.to() - value.from()));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an attribute value was validated but cannot be decoded", e);
        }
    }

    private static byte[] utf8OrNull(String text) {
        return text.isEmpty() ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
