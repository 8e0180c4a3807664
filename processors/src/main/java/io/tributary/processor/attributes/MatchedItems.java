package io.tributary.processor.attributes;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.tributary.core.data.wire.AttributeEditor;
import io.tributary.core.data.wire.Schema;
import io.tributary.core.data.wire.WireCursor;
import io.tributary.processor.filtermatch.Selection;

/**
 * The items (spans, log records, metrics) {@code include}/{@code exclude} select, for an edit of
 * one batch's bytes. The matcher is the filter processor's too and reads protobuf objects, any of
 * their fields its config names, so rather than tying this to the fields it reads today, each item
 * asked about is decoded alone, and its resource and scope once per entry when its first item is
 * asked about: an item's decode, never the batch's, and none at all without
 * {@code include}/{@code exclude} (no selector then).
 */
final class MatchedItems implements AttributeEditor.ItemSelector {
    private static final int RESOURCE = Schema.lengthDelimited(Schema.ResourceEntry.RESOURCE);
    private static final int SCOPE = Schema.lengthDelimited(Schema.ScopeEntry.SCOPE);

    private final Selection<?> selection;
    private byte[] buf;
    private int resourceFrom;
    private int resourceTo;
    private int scopeFrom;
    private int scopeTo;
    /** Of the current resource and scope entry; null until an item of theirs is asked about. */
    private Resource resource;
    private InstrumentationScope scope;

    MatchedItems(Selection<?> selection) {
        this.selection = selection;
    }

    @Override
    public void resource(byte[] buf, int from, int to) {
        this.buf = buf;
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
            resource = (Resource) merged(Resource.newBuilder(), resourceFrom, resourceTo, RESOURCE);
        }
        if (scope == null) {
            scope = (InstrumentationScope) merged(InstrumentationScope.newBuilder(), scopeFrom, scopeTo, SCOPE);
        }
        return selection.selects(resource, scope, buf, from, to);
    }

    /** The entry's resource or scope, read as protobuf reads a singular message field given more than once: merged. */
    private Message merged(Message.Builder builder, int from, int to, int tag) {
        WireCursor entry = new WireCursor(buf, from, to);
        while (entry.more()) {
            int fieldTag = entry.tag();
            if (fieldTag != tag) {
                entry.skip(fieldTag);
                continue;
            }
            int end = entry.lengthEnd();
            try {
                builder.mergeFrom(buf, entry.pos(), end - entry.pos());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("validated bytes do not decode", e);
            }
            entry.pos(end);
        }
        return builder.build();
    }
}
