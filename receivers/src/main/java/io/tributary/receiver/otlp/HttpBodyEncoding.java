package io.tributary.receiver.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.RetryInfo;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Signal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The two OTLP/HTTP body encodings; a response is written in the encoding of its request. */
enum HttpBodyEncoding {
    PROTOBUF("application/x-protobuf") {
        @Override
        ByteString toProtobuf(Signal<?> signal, ByteString body) {
            return body;
        }

        @Override
        byte[] encode(Message message) {
            return message.toByteArray();
        }
    },
    JSON("application/json") {
        private final JsonFormat.Printer printer = JsonFormat.printer()
                .omittingInsignificantWhitespace()
                .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(RetryInfo.getDescriptor()).build());

        @Override
        ByteString toProtobuf(Signal<?> signal, ByteString body) throws InvalidOtlpException {
            return OtlpJsonDecoder.toProtobuf(signal, body);
        }

        @Override
        byte[] encode(Message message) {
            try {
                return printer.print(message).getBytes(StandardCharsets.UTF_8);
            } catch (InvalidProtocolBufferException e) {
                // Only an Any of an unregistered type fails, and we pack nothing but RetryInfo.
                throw new IllegalStateException(e);
            }
        }
    };

    private final String contentType;

    HttpBodyEncoding(String contentType) {
        this.contentType = contentType;
    }

    /** The encoding of a {@code Content-Type} media type (parameters already stripped), if supported. */
    static Optional<HttpBodyEncoding> of(CharSequence mediaType) {
        String type = mediaType == null ? "" : mediaType.toString().trim().toLowerCase(Locale.ROOT);
        for (HttpBodyEncoding encoding : values()) {
            if (encoding.contentType.equals(type)) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }

    String contentType() {
        return contentType;
    }

    /** The body as an encoded export request of {@code signal}. */
    abstract ByteString toProtobuf(Signal<?> signal, ByteString body) throws InvalidOtlpException;

    abstract byte[] encode(Message message);
}
