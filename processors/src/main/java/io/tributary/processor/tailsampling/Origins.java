package io.tributary.processor.tailsampling;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The resources and instrumentation scopes of buffered spans, interned by their encoded bytes:
 * the spans of a service repeat the same resource in every request, so a buffered span points to
 * one shared copy instead of holding its own. Counted references free a copy when its last span
 * goes. Not thread-safe: the buffer's lock guards it.
 */
final class Origins {
    /** A {@code ResourceSpans} without its scope spans: the encoded {@code resource} and {@code schema_url} fields. */
    static final class Resource {
        final byte[] head;
        private final Map<Key, Scope> scopes = new HashMap<>();

        private Resource(byte[] head) {
            this.head = head;
        }
    }

    /** A {@code ScopeSpans} without its spans: the encoded {@code scope} and {@code schema_url} fields. */
    static final class Scope {
        final Resource resource;
        final byte[] head;
        private final Key key;
        /** Buffered traces that hold spans of this scope. */
        private int traces;

        private Scope(Resource resource, Key key) {
            this.resource = resource;
            this.head = key.bytes;
            this.key = key;
        }
    }

    /** Bytes as a map key, hashed once. */
    private record Key(byte[] bytes, int hash) {
        static Key of(byte[] bytes) {
            return new Key(bytes, Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == hash && Arrays.equals(key.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** What a resource or scope copy costs beyond its bytes: objects, map entries. */
    static final int OVERHEAD = 96;

    private final Map<Key, Resource> resources = new HashMap<>();
    private long bytes;

    /** The shared scope for these heads; the caller then counts a trace on it with {@link #retain}. */
    Scope intern(byte[] resourceHead, byte[] scopeHead) {
        Resource resource = resources.computeIfAbsent(Key.of(resourceHead), key -> {
            bytes += key.bytes.length + OVERHEAD;
            return new Resource(key.bytes);
        });
        return resource.scopes.computeIfAbsent(Key.of(scopeHead), key -> {
            bytes += key.bytes.length + OVERHEAD;
            return new Scope(resource, key);
        });
    }

    static void retain(Scope scope) {
        scope.traces++;
    }

    /** A trace no longer holds spans of this scope; the last one frees it. */
    void release(Scope scope) {
        if (--scope.traces > 0) {
            return;
        }
        Resource resource = scope.resource;
        resource.scopes.remove(scope.key);
        bytes -= scope.head.length + OVERHEAD;
        if (resource.scopes.isEmpty()) {
            resources.remove(Key.of(resource.head));
            bytes -= resource.head.length + OVERHEAD;
        }
    }

    /** Heap the interned copies take, for the byte budget. */
    long bytes() {
        return bytes;
    }
}
