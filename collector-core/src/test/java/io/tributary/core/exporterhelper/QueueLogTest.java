package io.tributary.core.exporterhelper;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.tributary.core.data.Signal;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueLogTest {
    /** Small segments, so a few records roll over to new files. */
    private static final long SEGMENT = 256;

    @TempDir
    Path dir;

    private final List<QueueLog> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(QueueLog::close);
    }

    private QueueLog open() throws IOException {
        QueueLog log = QueueLog.open(dir, SEGMENT, false);
        opened.add(log);
        return log;
    }

    private static ByteString payload(int i) {
        return ByteString.copyFromUtf8("batch-" + i + "-" + "x".repeat(40));
    }

    private static List<String> payloads(QueueLog log) throws IOException {
        List<String> result = new ArrayList<>();
        for (QueueLog.Record record : log.recovered()) {
            result.add(log.read(record).toStringUtf8());
        }
        return result;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg2")).sorted().toList();
        }
    }

    @Test
    void appendedRecordsReadBackWithTheirItemCounts() throws IOException {
        QueueLog log = open();
        QueueLog.Record first = log.append(Signal.TRACES, payload(0), 3);
        QueueLog.Record second = log.append(Signal.TRACES, payload(1), 5);

        assertThat(log.read(first)).isEqualTo(payload(0));
        assertThat(log.read(second)).isEqualTo(payload(1));
        assertThat(List.of(first.seq(), second.seq())).containsExactly(0L, 1L);
        assertThat(second.items()).isEqualTo(5);
        assertThat(second.bytes()).isEqualTo(payload(1).size());
    }

    @Test
    void eachRecordKeepsItsSignalAcrossAReopen() throws IOException {
        QueueLog log = open();
        log.append(Signal.METRICS, payload(0), 7);
        log.append(Signal.LOGS, payload(1), 2);
        log.append(Signal.TRACES, payload(2), 1);
        log.close();

        QueueLog reopened = open();

        assertThat(reopened.recovered()).extracting(QueueLog.Record::signal)
                .containsExactly(Signal.METRICS, Signal.LOGS, Signal.TRACES);
        assertThat(reopened.recovered()).extracting(QueueLog.Record::items).containsExactly(7, 2, 1);
        assertThat(payloads(reopened)).containsExactly(
                payload(0).toStringUtf8(), payload(1).toStringUtf8(), payload(2).toStringUtf8());
    }

    /** A queue written before records had a signal: {@code .seg} files of 12-byte headers, traces only. */
    @Test
    void segmentsOfTheFormatBeforeSignalsAreReadAsTracesAndNewRecordsGoToANewSegment() throws IOException {
        ByteBuffer segment = ByteBuffer.allocate(2 * 12 + payload(0).size() + payload(1).size());
        for (int i = 0; i < 2; i++) {
            byte[] bytes = payload(i).toByteArray();
            CRC32C crc = new CRC32C();
            crc.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            crc.update(ByteBuffer.allocate(4).putInt(3 + i).array());
            crc.update(bytes);
            segment.putInt(bytes.length).putInt((int) crc.getValue()).putInt(3 + i).put(bytes);
        }
        Files.write(dir.resolve("00000000000000000000.seg"), segment.array());

        QueueLog log = open();
        QueueLog.Record next = log.append(Signal.METRICS, payload(2), 9);

        assertThat(log.recovered()).extracting(QueueLog.Record::signal).containsExactly(Signal.TRACES, Signal.TRACES);
        assertThat(log.recovered()).extracting(QueueLog.Record::items).containsExactly(3, 4);
        assertThat(payloads(log)).containsExactly(payload(0).toStringUtf8(), payload(1).toStringUtf8());
        assertThat(log.corruptAtOpen()).isZero();
        assertThat(next.seq()).isEqualTo(2);
        assertThat(segments()).extracting(path -> path.getFileName().toString()).containsExactly("00000000000000000002.seg2");

        log.acknowledge(2);
        log.close();
        QueueLog reopened = open();
        assertThat(reopened.recovered()).extracting(QueueLog.Record::signal).containsExactly(Signal.METRICS);
        assertThat(Files.exists(dir.resolve("00000000000000000000.seg"))).isFalse();
    }

    @Test
    void reopenRecoversEveryRecordNotAcknowledged() throws IOException {
        QueueLog log = open();
        for (int i = 0; i < 10; i++) {
            log.append(Signal.TRACES, payload(i), i);
        }
        log.acknowledge(4);
        log.close();

        QueueLog reopened = open();

        assertThat(reopened.recovered()).extracting(QueueLog.Record::seq).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(reopened.recovered()).extracting(QueueLog.Record::items).containsExactly(4, 5, 6, 7, 8, 9);
        assertThat(payloads(reopened)).first().isEqualTo(payload(4).toStringUtf8());
        assertThat(reopened.corruptAtOpen()).isZero();
    }

    @Test
    void appendsAfterReopenContinueTheNumbering() throws IOException {
        QueueLog log = open();
        log.append(Signal.TRACES, payload(0), 1);
        log.append(Signal.TRACES, payload(1), 1);
        log.close();

        QueueLog reopened = open();
        QueueLog.Record next = reopened.append(Signal.TRACES, payload(2), 1);
        reopened.close();

        assertThat(next.seq()).isEqualTo(2);
        assertThat(payloads(open())).containsExactly(
                payload(0).toStringUtf8(), payload(1).toStringUtf8(), payload(2).toStringUtf8());
    }

    @Test
    void segmentsAreDeletedOnceEveryRecordInThemIsAcknowledged() throws IOException {
        QueueLog log = open();
        for (int i = 0; i < 12; i++) {
            log.append(Signal.TRACES, payload(i), 1); // 4 records of 61 bytes per 256-byte segment
        }
        assertThat(segments()).hasSize(3);

        log.acknowledge(5);
        assertThat(segments()).hasSize(2); // records 0-3 gone with their segment; 4 still holds the second

        log.acknowledge(12);
        assertThat(segments()).hasSize(1); // the segment being written stays
        log.close();
        assertThat(open().recovered()).isEmpty();
    }

    @Test
    void truncatedLastRecordIsCutOffAndCountedAndTheRestRecovered() throws IOException {
        QueueLog log = open();
        log.append(Signal.TRACES, payload(0), 1);
        log.append(Signal.TRACES, payload(1), 1);
        log.close();
        Path segment = segments().get(0);
        long size = Files.size(segment);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(size - 7); // a crash mid-write
        }

        QueueLog reopened = open();

        assertThat(reopened.corruptAtOpen()).isEqualTo(1);
        assertThat(payloads(reopened)).containsExactly(payload(0).toStringUtf8());
        assertThat(Files.size(segment)).isEqualTo(size / 2);
        assertThat(reopened.append(Signal.TRACES, payload(2), 1).seq()).isEqualTo(1); // the lost record's number is reused
    }

    @Test
    void recordWithACrcMismatchIsSkippedAndCountedAndTheNextOnesRecovered() throws IOException {
        QueueLog log = open();
        log.append(Signal.TRACES, payload(0), 1);
        log.append(Signal.TRACES, payload(1), 1);
        log.append(Signal.TRACES, payload(2), 1);
        log.close();
        Path segment = segments().get(0);
        long secondPayload = (QueueLog.HEADER_BYTES + payload(0).size()) + QueueLog.HEADER_BYTES + 3;
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(secondPayload);
            file.write('#'); // bit rot
        }

        QueueLog reopened = open();

        assertThat(reopened.corruptAtOpen()).isEqualTo(1);
        assertThat(reopened.recovered()).extracting(QueueLog.Record::seq).containsExactly(0L, 2L);
        assertThat(payloads(reopened)).containsExactly(payload(0).toStringUtf8(), payload(2).toStringUtf8());
    }

    @Test
    void damageAfterOpeningIsCaughtWhenTheRecordIsRead() throws IOException {
        QueueLog log = open();
        QueueLog.Record record = log.append(Signal.TRACES, payload(0), 1);
        try (RandomAccessFile file = new RandomAccessFile(segments().get(0).toFile(), "rw")) {
            file.seek(QueueLog.HEADER_BYTES);
            file.write('#');
        }

        assertThat(log.read(record)).isNull();
    }

    @Test
    void aDamagedHeadSlotFallsBackToTheOtherOne() throws IOException {
        QueueLog log = open();
        for (int i = 0; i < 4; i++) {
            log.append(Signal.TRACES, payload(i), 1);
        }
        log.acknowledge(1); // slot 0
        log.acknowledge(2); // slot 1
        log.close();
        try (RandomAccessFile head = new RandomAccessFile(dir.resolve("head").toFile(), "rw")) {
            head.seek(12 + 3);
            head.write(0x7f); // the newer slot torn
        }

        QueueLog reopened = open();

        assertThat(reopened.head()).isEqualTo(1); // one batch sent twice, none lost
        assertThat(reopened.recovered()).extracting(QueueLog.Record::seq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aRecordLargerThanASegmentGetsASegmentOfItsOwn() throws IOException {
        QueueLog log = open();
        ByteString big = ByteString.copyFrom(new byte[1000]);
        log.append(Signal.TRACES, payload(0), 1);
        QueueLog.Record record = log.append(Signal.TRACES, big, 7);
        log.append(Signal.TRACES, payload(1), 1);
        log.close();

        QueueLog reopened = open();

        assertThat(segments()).hasSize(3);
        assertThat(reopened.read(reopened.recovered().get(1))).isEqualTo(big);
        assertThat(record.seq()).isEqualTo(1);
    }
}
