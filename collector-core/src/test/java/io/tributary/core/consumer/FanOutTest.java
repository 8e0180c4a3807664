package io.tributary.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.data.Traces;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanOutTest {
    @Test
    void singleConsumerIsNotWrapped() {
        TracesConsumer only = traces -> { };

        assertThat(FanOut.of(List.of(only))).isSameAs(only);
    }

    @Test
    void unexpectedErrorWinsOverPermanentAndEveryConsumerIsCalled() {
        List<Traces> after = new ArrayList<>();
        SignalConsumer<Traces> fanOut = FanOut.of(List.of(
                traces -> { throw new PermanentException("bad"); },
                traces -> { throw new IllegalStateException("bug"); },
                after::add));

        assertThatThrownBy(() -> fanOut.consume(Traces.EMPTY)).isInstanceOf(IllegalStateException.class);
        assertThat(after).containsExactly(Traces.EMPTY);
    }

    @Test
    void retryableWinsWhateverItsPosition() {
        SignalConsumer<Traces> fanOut = FanOut.of(List.of(
                traces -> { throw new RetryableException("busy"); },
                traces -> { throw new IllegalStateException("bug"); },
                traces -> { throw new PermanentException("bad"); }));

        assertThatThrownBy(() -> fanOut.consume(Traces.EMPTY)).isInstanceOf(RetryableException.class);
    }
}
