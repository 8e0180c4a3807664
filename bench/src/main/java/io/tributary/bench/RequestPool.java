package io.tributary.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator's requests, encoded once and sent round and round. Repeating trace IDs do not
 * matter to a pipeline that batches and exports, but they do to {@code tail_sampling}: a trace seen
 * again joins the one still buffered or follows the decision already taken, so the processor would
 * measure its late-span path. {@link #withFreshTraceIds} gives every pass over the pool new trace
 * IDs (deterministically: pass {@code p} XORs {@code p} into the IDs' last eight bytes), at the cost
 * of one copy of each request sent.
 */
final class RequestPool {
    private final List<byte[]> requests;
    /** Per request, where each span's 16 trace ID bytes start; null when the pool repeats as encoded. */
    private final int[][] traceIdOffsets;

    private RequestPool(List<byte[]> requests, int[][] traceIdOffsets) {
        this.requests = List.copyOf(requests);
        this.traceIdOffsets = traceIdOffsets;
    }

    /** Sends the requests as they were encoded, pass after pass. */
    static RequestPool repeating(List<byte[]> requests) {
        return new RequestPool(requests, null);
    }

    /** Gives each pass over the requests trace IDs no other pass has. */
    static RequestPool withFreshTraceIds(List<byte[]> requests) {
        int[][] offsets = new int[requests.size()][];
        for (int i = 0; i < requests.size(); i++) {
            offsets[i] = traceIdOffsets(requests.get(i));
        }
        return new RequestPool(requests, offsets);
    }

    int size() {
        return requests.size();
    }

    long encodedBytes() {
        return requests.stream().mapToLong(r -> r.length).sum();
    }

    /** The n-th request to send (from 0). */
    byte[] request(long n) {
        int slot = (int) (n % requests.size());
        long pass = n / requests.size();
        byte[] encoded = requests.get(slot);
        if (traceIdOffsets == null || pass == 0) {
            return encoded;
        }
        byte[] copy = encoded.clone();
        for (int offset : traceIdOffsets[slot]) {
            for (int b = 0; b < 8; b++) {
                copy[offset + 8 + b] ^= (byte) (pass >>> (56 - 8 * b));
            }
        }
        return copy;
    }

    /**
     * Finds every span's trace ID in the encoded bytes by its value: the IDs are 16 random bytes, so
     * the only places they occur are the spans' {@code trace_id} fields, which the count checks.
     */
    private static int[] traceIdOffsets(byte[] encoded) {
        ExportTraceServiceRequest request;
        try {
            request = ExportTraceServiceRequest.parseFrom(encoded);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ExportTraceServiceRequest", e);
        }
        Map<ByteString, Integer> spansByTraceId = new LinkedHashMap<>();
        request.getResourceSpansList().stream()
                .flatMap(rs -> rs.getScopeSpansList().stream())
                .map(ScopeSpans::getSpansList)
                .flatMap(List::stream)
                .map(Span::getTraceId)
                .forEach(id -> spansByTraceId.merge(id, 1, Integer::sum));
        List<Integer> offsets = new ArrayList<>();
        spansByTraceId.forEach((id, spans) -> {
            List<Integer> found = occurrences(encoded, id.toByteArray());
            if (id.size() != 16 || found.size() != spans) {
                throw new IllegalArgumentException("trace ID " + id + " is in " + spans + " spans but found " + found.size()
                        + " times in the encoded request; its IDs are not random 16-byte values");
            }
            offsets.addAll(found);
        });
        return offsets.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<Integer> occurrences(byte[] haystack, byte[] needle) {
        List<Integer> found = new ArrayList<>();
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            found.add(i);
        }
        return found;
    }
}
