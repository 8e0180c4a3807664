package io.tributary.core.exporterhelper;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.tributary.core.component.StorageDirectory;
import io.tributary.core.data.Traces;
import io.tributary.testkit.TestTraces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Batches whose span names say which batch they came from, and a storage directory without an extension. */
final class TestBatches {
    private static final ByteString TRACE_ID = ByteString.copyFromUtf8("0123456789abcdef");

    private TestBatches() {
    }

    /** {@code spans} spans named "span 0", "span 1", ... */
    static Traces batch(int spans) {
        return batch("span", spans);
    }

    /** {@code spans} spans named "{@code label} 0", "{@code label} 1", ... */
    static Traces batch(String label, int spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < spans; i++) {
            scope.addSpans(TestTraces.span(TRACE_ID, i).toBuilder().setName(label + " " + i));
        }
        return Traces.of(List.of(ResourceSpans.newBuilder().addScopeSpans(scope).build())).compact();
    }

    /** Every span name in the batches, in order. */
    static List<String> names(List<Traces> batches) {
        List<String> names = new ArrayList<>();
        for (Traces traces : batches) {
            traces.resourceSpans().forEach(rs -> rs.getScopeSpansList().forEach(
                    scope -> scope.getSpansList().forEach(span -> names.add(span.getName()))));
        }
        return names;
    }

    record Directory(Path path, boolean fsync) implements StorageDirectory {
        @Override
        public void close() {
        }
    }
}
