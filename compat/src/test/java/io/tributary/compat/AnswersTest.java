package io.tributary.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;

class AnswersTest {
    /** An empty {@code partial_success} on the wire (field 1, length 0), as Go's otelcol writes it. */
    private static final byte[] EMPTY_PARTIAL_SUCCESS = {0x0a, 0x00};

    @Test
    void anEmptyProtobufSuccessBodyIsTheEmptyResponseAsAnEmptyPartialSuccessIs() {
        assertThat(Answers.body(200, "application/x-protobuf", new byte[0])).isEqualTo(new JsonObject());
        assertThat(Answers.body(200, "application/x-protobuf", EMPTY_PARTIAL_SUCCESS)).isEqualTo(new JsonObject());
    }

    @Test
    void anEmptyErrorBodyStaysEmpty() {
        assertThat(Answers.body(400, "application/x-protobuf", new byte[0])).isEqualTo(new JsonPrimitive(""));
        assertThat(Answers.body(200, "application/json", new byte[0])).isEqualTo(new JsonPrimitive(""));
    }
}
