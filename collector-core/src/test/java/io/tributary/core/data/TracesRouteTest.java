package io.tributary.core.data;

import static io.tributary.testkit.TestTraces.names;
import static io.tributary.testkit.TestTraces.request;
import static io.tributary.testkit.TestTraces.resource;
import static io.tributary.testkit.TestTraces.scope;
import static io.tributary.testkit.TestTraces.spans;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracesRouteTest {
    /** Routes each span by the first letter of its name; resources never go whole. */
    private static final SpanRouter<String> BY_FIRST_LETTER = new SpanRouter<>() {
        @Override
        public String resource(byte[] buf, int from, int to) {
            return null;
        }

        @Override
        public String span(byte[] buf, int from, int to) {
            try {
                return Span.parseFrom(ByteBuffer.wrap(buf, from, to - from)).getName().substring(0, 1);
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }
    };

    @Test
    void spansOfOneResourceGoingToSeveralPartsAreReEnvelopedWithTheirResourceAndScope() throws Exception {
        ResourceSpans frontend = resource("frontend", scope("http", spans("a1", "b1", "a2")), scope("db", spans("b2")))
                .toBuilder().setSchemaUrl("https://opentelemetry.io/schemas/1.21.0").build();
        Traces traces = Traces.parse(request(frontend, resource("backend", scope("rpc", spans("b3")))).toByteString());

        Map<String, Traces> parts = traces.route(BY_FIRST_LETTER);

        assertThat(parts.keySet()).containsExactly("a", "b");
        assertThat(names(parts.get("a").resourceSpans())).containsExactly("frontend/http/a1", "frontend/http/a2");
        assertThat(names(parts.get("b").resourceSpans()))
                .containsExactly("frontend/http/b1", "frontend/db/b2", "backend/rpc/b3");
        assertThat(parts.get("a").spanCount()).isEqualTo(2);
        assertThat(parts.get("b").spanCount()).isEqualTo(3);
        assertThat(parts.get("b").resourceSpansCount()).isEqualTo(2);
        // The trusted bytes are what the validator accepts, with the same counts.
        Traces reparsed = Traces.parse(parts.get("b").encoded());
        assertThat(reparsed.spanCount()).isEqualTo(3);
        assertThat(reparsed.resourceSpansCount()).isEqualTo(2);
        ResourceSpans frontendPart = parts.get("b").resourceSpans().get(0);
        assertThat(frontendPart.getResource()).isEqualTo(frontend.getResource());
        assertThat(frontendPart.getSchemaUrl()).isEqualTo(frontend.getSchemaUrl());
    }

    @Test
    void aResourceGoingWholeIsSlicedAsItCameAndOneWithoutSpansIsDroppedWhenRoutedBySpan() throws Exception {
        ResourceSpans withEmptyScope = resource("frontend", scope("http", spans("a1")), scope("empty"));
        Traces traces = Traces.parse(request(withEmptyScope, resource("idle"), resource("backend", scope("rpc", spans("b1"))))
                .toByteString());

        Map<String, Traces> parts = traces.route(BY_FIRST_LETTER);

        assertThat(parts.get("a").resourceSpans()).containsExactly(withEmptyScope);
        assertThat(names(parts.get("b").resourceSpans())).containsExactly("backend/rpc/b1");
    }

    @Test
    void resourcesRoutedWholeKeepEvenTheirEmptyOnes() throws Exception {
        ResourceSpans http = resource("frontend", scope("http", spans("a1")));
        ResourceSpans idle = resource("idle");
        ResourceSpans db = resource("frontend", scope("db", spans("a2")));
        Traces traces = Traces.parse(request(http, idle, db).toByteString());
        SpanRouter<String> byService = new SpanRouter<>() {
            @Override
            public String resource(byte[] buf, int from, int to) {
                try {
                    return ResourceSpans.parseFrom(ByteBuffer.wrap(buf, from, to - from)).getResource().getAttributes(0)
                            .getValue().getStringValue();
                } catch (InvalidProtocolBufferException e) {
                    throw new AssertionError(e);
                }
            }

            @Override
            public String span(byte[] buf, int from, int to) {
                throw new AssertionError("resources go whole");
            }
        };

        Map<String, Traces> parts = traces.route(byService);

        assertThat(parts.keySet()).containsExactly("frontend", "idle");
        assertThat(parts.get("frontend").resourceSpans()).containsExactly(http, db);
        assertThat(parts.get("frontend").spanCount()).isEqualTo(2);
        assertThat(parts.get("idle").resourceSpans()).containsExactly(idle);
        assertThat(parts.get("idle").resourceSpansCount()).isEqualTo(1);
    }
}
