package io.tributary.connector.routing;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.resource.v1.Resource;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.wire.EnvelopeWalker;
import io.tributary.core.data.wire.FlatBytes;
import io.tributary.core.data.wire.Schema;
import io.tributary.core.data.wire.WireCursor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One resource entry of a batch being routed. It stays the bytes it arrived as (a slice of the
 * request, tag and length included) until a route cuts inside it; the parts a cut makes are
 * decoded entries, encoded again only when delivered. What routes read is worked out once and
 * kept: a resource route parses only the entry's {@code resource} field, a finer route decodes
 * the entry. Used by one thread at a time.
 */
final class Entry<E extends Message> {
    private static final int RESOURCE_TAG = Schema.lengthDelimited(Schema.ResourceEntry.RESOURCE);

    /** The entry as a field of an export request; null until a decoded entry is delivered. */
    private ByteString field;
    /** Where the entry message starts within {@link #field}. */
    private final int messageOffset;
    private E decoded;
    private Resource resource;

    private Entry(ByteString field, int messageOffset, E decoded) {
        this.field = field;
        this.messageOffset = messageOffset;
        this.decoded = decoded;
    }

    /** The resource entries of {@code data}, each as its bytes. */
    static <E extends Message> List<Entry<E>> of(SignalData<?, ?> data, Schema schema) {
        ByteString request = data.encoded();
        FlatBytes flat = FlatBytes.of(request);
        List<Entry<E>> entries = new ArrayList<>(data.resourceEntryCount());
        EnvelopeWalker.walkResources(schema, flat.array(), flat.from(), flat.to(), (entryStart, from, to) ->
                entries.add(new Entry<>(request.substring(entryStart - flat.from(), to - flat.from()), from - entryStart, null)));
        return entries;
    }

    /** An entry a route cut from another. */
    static <E extends Message> Entry<E> decoded(E entry) {
        return new Entry<>(null, 0, entry);
    }

    E decoded(Nesting<?, E, ?, ?> nesting) {
        if (decoded == null) {
            decoded = parse(() -> nesting.parser().parseFrom(field.substring(messageOffset)));
        }
        return decoded;
    }

    /** The entry's resource; parsed from its own field alone while the entry is bytes. */
    Resource resource(Nesting<?, E, ?, ?> nesting) {
        if (resource == null) {
            resource = decoded != null ? nesting.resource(decoded) : parseResource();
        }
        return resource;
    }

    /** The entry as a field of an export request of its signal. */
    ByteString field(Schema schema) {
        if (field == null) {
            byte[] bytes = new byte[CodedOutputStream.computeMessageSize(schema.resourceEntries, decoded)];
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            try {
                out.writeMessage(schema.resourceEntries, decoded);
            } catch (IOException e) {
                throw new IllegalStateException("writing to an array cannot fail", e);
            }
            out.checkNoSpaceLeft();
            field = ByteString.copyFrom(bytes);
        }
        return field;
    }

    /** The signal's items in the entry: spans, metric data points or log records. */
    int items(Nesting<?, E, ?, ?> nesting) {
        if (decoded != null) {
            return nesting.items(decoded);
        }
        FlatBytes flat = FlatBytes.of(field);
        return EnvelopeWalker.countItems(nesting.schema(), flat.array(), flat.from(), flat.to());
    }

    /** As protobuf reads it: every occurrence of the field merged, none an empty resource. */
    private Resource parseResource() {
        FlatBytes flat = FlatBytes.of(field);
        WireCursor in = new WireCursor(flat.array(), flat.from() + messageOffset, flat.to());
        Resource.Builder builder = Resource.newBuilder();
        while (in.more()) {
            int tag = in.tag();
            if (tag != RESOURCE_TAG) {
                in.skip(tag);
                continue;
            }
            int end = in.lengthEnd();
            int from = in.pos();
            parse(() -> builder.mergeFrom(flat.array(), from, end - from));
            in.pos(end);
        }
        return builder.build();
    }

    @FunctionalInterface
    private interface Decoding<T> {
        T decode() throws InvalidProtocolBufferException;
    }

    /** The batch's bytes passed validation when received, so they decode. */
    private static <T> T parse(Decoding<T> decoding) {
        try {
            return decoding.decode();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("validated bytes do not decode", e);
        }
    }
}
