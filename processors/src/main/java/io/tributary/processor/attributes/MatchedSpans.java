package io.tributary.processor.attributes;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.data.wire.AttributeEditor;
import io.tributary.core.data.wire.EnvelopeWalker;
import io.tributary.core.data.wire.Schema;
import io.tributary.processor.filterspan.SpanMatcher;

/**
 * The spans {@code include}/{@code exclude} select, for an edit of one batch's bytes. The matcher
 * is the filter processor's too and reads protobuf objects, any of their fields its config names,
 * so rather than tying this to the fields it reads today, each span asked about is decoded alone,
 * and its resource and scope once per entry when its first span is asked about: a span's decode,
 * never the batch's, and none at all without {@code include}/{@code exclude} (no selector then).
 */
final class MatchedSpans implements AttributeEditor.ItemSelector {
    private final SpanMatcher matcher;
    private int resourceFrom;
    private int resourceTo;
    private int scopeFrom;
    private int scopeTo;
    /** Of the current resource and scope entry; null until a span of theirs is asked about. */
    private Resource resource;
    private InstrumentationScope scope;

    MatchedSpans(SpanMatcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public void resource(byte[] buf, int from, int to) {
        resourceFrom = from;
        resourceTo = to;
        resource = null;
    }

    @Override
    public void scope(byte[] buf, int from, int to) {
        scopeFrom = from;
        scopeTo = to;
        scope = null;
    }

    @Override
    public boolean selects(byte[] buf, int from, int to) {
        if (resource == null) {
            // The entry without its scopes: protobuf merges a resource given more than once.
            byte[] head = EnvelopeWalker.head(buf, resourceFrom, resourceTo, Schema.TRACES.scopeEntryTag);
            resource = decode(ResourceSpans.parser(), head, 0, head.length).getResource();
        }
        if (scope == null) {
            byte[] head = EnvelopeWalker.head(buf, scopeFrom, scopeTo, Schema.TRACES.itemTag);
            scope = decode(ScopeSpans.parser(), head, 0, head.length).getScope();
        }
        return matcher.selects(resource, scope, decode(Span.parser(), buf, from, to));
    }

    /** Decodes bytes of a batch, which were validated on the way in. */
    private static <T> T decode(Parser<T> parser, byte[] buf, int from, int to) {
        try {
            return parser.parseFrom(buf, from, to - from);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("validated trace bytes do not decode", e);
        }
    }
}
