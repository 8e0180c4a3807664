package io.tributary.core.data.wire;

/**
 * Bytes that are not the protobuf they should be. Cursors read bytes already validated or
 * encoded here, so this is a bug in whoever handed them over, not bad input from a client.
 */
public final class MalformedWireException extends RuntimeException {
    public MalformedWireException(String message) {
        super(message);
    }
}
