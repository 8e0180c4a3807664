package io.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "1048576, 1048576",
        "1_000_000, 1000000",
        "7B, 7",
        "1KB, 1000",
        "1KiB, 1024",
        "20MB, 20000000",
        "512MiB, 536870912",
        "2 GiB, 2147483648",
        "1GB, 1000000000",
        "1TiB, 1099511627776",
        "1.5KiB, 1536",
        "16mib, 16777216",
    })
    void parses(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(new ByteSize(bytes));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "lots        | expected a byte count",
        "-1          | expected a byte count",
        "5 parsecs   | unknown unit 'parsecs'",
        "9999999TiB  | out of range",
    })
    void rejectsWithReadableMessage(String text, String reason) {
        assertThatThrownBy(() -> ByteSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid size '" + text + "': ")
                .hasMessageContaining(reason);
    }
}
