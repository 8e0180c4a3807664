package io.tributary.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.exporter.SampleTraces;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipCompressorTest {
    private static final byte[] REQUEST = SampleTraces.request("checkout", 1, 200).toByteArray();

    private static byte[] compress(int level) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gzip = new GzipCompressor(level).compress(out)) {
            gzip.write(REQUEST);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gzip) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    @Test
    void isGrpcsGzipEncoding() {
        assertThat(new GzipCompressor(1).getMessageEncoding()).isEqualTo("gzip");
    }

    @Test
    void everyLevelProducesGzipOfTheSameBytes() throws Exception {
        for (int level = -2; level <= 9; level++) {
            assertThat(gunzip(compress(level))).as("level %d", level).isEqualTo(REQUEST);
        }
    }

    @Test
    void theLevelIsApplied() throws Exception {
        assertThat(compress(1).length).isGreaterThan(compress(9).length);
        assertThat(compress(-2).length).as("Huffman only").isGreaterThan(compress(1).length);
    }

    @Test
    void zeroMeansZlibsDefaultLikeMinusOne() throws Exception {
        assertThat(compress(0)).isEqualTo(compress(-1));
        assertThat(compress(-1)).isNotEqualTo(compress(1));
    }
}
