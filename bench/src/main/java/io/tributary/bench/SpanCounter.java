package io.tributary.bench;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Counts the spans of an encoded {@code ExportTraceServiceRequest} by walking tags and lengths
 * only, so the null backend's own cost stays far below the daemon's.
 */
final class SpanCounter {
    /** {@code resource_spans = 1} in the request, {@code scope_spans = 2}, {@code spans = 2}. */
    private static final int RESOURCE_SPANS = lengthDelimited(1);
    private static final int SCOPE_SPANS = lengthDelimited(2);
    private static final int SPANS = lengthDelimited(2);

    private SpanCounter() {
    }

    private static int lengthDelimited(int field) {
        return field << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    static int countSpans(byte[] request) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(request);
        int spans = 0;
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (tag == RESOURCE_SPANS) {
                int resourceEnd = in.pushLimit(in.readRawVarint32());
                for (int inner; (inner = in.readTag()) != 0; ) {
                    if (inner == SCOPE_SPANS) {
                        spans += countInScope(in);
                    } else {
                        in.skipField(inner);
                    }
                }
                in.popLimit(resourceEnd);
            } else {
                in.skipField(tag);
            }
        }
        return spans;
    }

    private static int countInScope(CodedInputStream in) throws IOException {
        int scopeEnd = in.pushLimit(in.readRawVarint32());
        int spans = 0;
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (tag == SPANS) {
                spans++;
            }
            in.skipField(tag);
        }
        in.popLimit(scopeEnd);
        return spans;
    }
}
