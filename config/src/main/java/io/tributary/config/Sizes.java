package io.tributary.config;

final class Sizes {
    private Sizes() {
    }

    static ByteSize parse(String text) {
        throw new UnsupportedOperationException("TODO");
    }
}
