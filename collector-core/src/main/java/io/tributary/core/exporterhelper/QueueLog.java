package io.tributary.core.exporterhelper;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.tributary.core.data.Signal;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk form of a persistent sending queue. It is Tributary's own format, not otelcol's
 * bbolt file: a queue directory written by one cannot be read by the other.
 *
 * <pre>
 * queue directory/
 *   00000000000000000000.seg2  records, appended; named by the sequence number of its first record
 *   00000000000000004711.seg2
 *   head                       two slots of [u64 sequence number][u32 CRC32C]; the valid one with the
 *                              higher number is the oldest record not yet acknowledged
 * </pre>
 *
 * <p>A record is {@code [u32 payload length][u32 CRC32C][u32 item count][u8 signal][payload]},
 * big-endian, the payload being the batch's encoded export request of that signal ({@code 0}
 * traces, {@code 1} metrics, {@code 2} logs: {@link #SIGNALS}) and the item count its spans, data
 * points or log records; the CRC covers every other header field and the payload. The suffix is
 * the format's version ({@link Format}): segments written before the signal field ({@code .seg},
 * whose records are {@code [u32 length][u32 CRC32C][u32 span count][payload]}) are read as traces,
 * and new records always go to a new {@code .seg2} segment. Records are numbered by position: the
 * n-th record of a segment has the segment's first number plus n, so acknowledging is writing one
 * number. A segment is deleted once every record in it is below the head.
 *
 * <p>Opening scans the segments from the head on and checks every record: a record whose CRC does
 * not match is skipped, a length that runs past the end of its file (a write cut short by a crash)
 * ends that segment, and the last segment is cut back to its last whole record; each counts as one
 * corrupt record. A number lost that way is simply never read, so the numbering stays valid.
 *
 * <p>Writes go to the OS with plain positional writes, so they survive the process being killed;
 * {@link #pendingSync()} forces them to the disk for durability against power loss. Files are
 * used through {@link RandomAccessFile}, whose reads and writes, unlike a {@code FileChannel}'s,
 * are not broken by an interrupted thread. Not thread-safe: the caller serialises every call
 * except running a {@link Sync}.
 */
final class QueueLog implements Closeable {
    /** Segments roll over at this size, which also bounds the space a partly acknowledged segment wastes. */
    static final long SEGMENT_BYTES = 8 * 1024 * 1024;
    /** The header of a record as written now ({@link Format#V2}). */
    static final int HEADER_BYTES = 13;
    /** A record's signal on disk is its index here: append only, the codes are on disks. */
    static final List<Signal<?>> SIGNALS = List.of(Signal.TRACES, Signal.METRICS, Signal.LOGS);
    private static final String HEAD_FILE = "head";
    private static final int HEAD_SLOT_BYTES = 12;
    private static final Logger log = LoggerFactory.getLogger(QueueLog.class);

    /** The record layouts, one per segment, told by the segment's suffix. */
    enum Format {
        /** Before metrics and logs: a 12-byte header without the signal, which is traces. */
        V1(".seg", 12),
        /** The signal in the header's last byte. */
        V2(".seg2", HEADER_BYTES);

        final String suffix;
        final int headerBytes;

        Format(String suffix, int headerBytes) {
            this.suffix = suffix;
            this.headerBytes = headerBytes;
        }
    }

    /** One record as the log knows it: what it holds, where it is and how big. */
    record Record(long seq, Signal<?> signal, int items, int bytes, Segment segment, long offset) {
    }

    /** Data written but not yet forced to the disk, captured so it can be forced outside the caller's lock. */
    interface Sync {
        void run() throws IOException;
    }

    static final class Segment {
        private final long firstSeq;
        private final Format format;
        private final Path path;
        private final RandomAccessFile file;
        /** The number after this segment's last record. */
        private long endSeq;
        private long length;
        private boolean dirty;
        private volatile boolean deleted;

        private Segment(long firstSeq, Format format, Path path, RandomAccessFile file, long endSeq, long length) {
            this.firstSeq = firstSeq;
            this.format = format;
            this.path = path;
            this.file = file;
            this.endSeq = endSeq;
            this.length = length;
        }

        private void force() throws IOException {
            try {
                file.getFD().sync();
            } catch (IOException e) {
                // Deleted meanwhile: everything in it was acknowledged, so nothing is left to keep.
                if (!deleted) {
                    throw e;
                }
            }
        }
    }

    private final Path directory;
    private final long segmentBytes;
    private final boolean syncAcks;
    private final RandomAccessFile headFile;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final List<Record> recovered = new ArrayList<>();
    private final CRC32C crc = new CRC32C();
    private int corruptAtOpen;
    private int nextHeadSlot;
    private long head;
    private long tail;
    private Segment active;
    private boolean closed;

    private QueueLog(Path directory, long segmentBytes, boolean syncAcks, RandomAccessFile headFile) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.syncAcks = syncAcks;
        this.headFile = headFile;
    }

    /**
     * Opens (or creates) the log in {@code directory}, recovering what was not acknowledged.
     *
     * @param syncAcks force every head update to the disk (otelcol's {@code fsync}: a lost head
     *                 update only resends batches, so this buys little but costs a sync per ack)
     */
    static QueueLog open(Path directory, long segmentBytes, boolean syncAcks) throws IOException {
        Files.createDirectories(directory);
        RandomAccessFile headFile = new RandomAccessFile(directory.resolve(HEAD_FILE).toFile(), "rw");
        QueueLog queueLog = new QueueLog(directory, segmentBytes, syncAcks, headFile);
        try {
            queueLog.recover();
        } catch (IOException | RuntimeException e) {
            queueLog.close();
            throw e;
        }
        return queueLog;
    }

    /** Records from the head on, found when the log was opened, oldest first. */
    List<Record> recovered() {
        return List.copyOf(recovered);
    }

    /** Damaged records found (and skipped) when the log was opened. */
    int corruptAtOpen() {
        return corruptAtOpen;
    }

    long head() {
        return head;
    }

    /** The number the next record gets. */
    long tail() {
        return tail;
    }

    private void recover() throws IOException {
        Map<Long, SegmentFile> files = segmentFiles();
        head = readHead().orElse(files.isEmpty() ? 0 : files.keySet().iterator().next());
        Iterator<Map.Entry<Long, SegmentFile>> it = files.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, SegmentFile> file = it.next();
            Segment segment = scan(file.getKey(), file.getValue(), !it.hasNext());
            if (segment.endSeq <= head || segment.length == 0) {
                delete(segment);
            } else {
                segments.put(segment.firstSeq, segment);
            }
        }
        tail = segments.isEmpty() ? head : Math.max(head, segments.lastEntry().getValue().endSeq);
        if (!recovered.isEmpty() || corruptAtOpen > 0) {
            log.info("Persistent queue {}: {} unacknowledged batches recovered, {} damaged records skipped",
                    directory, recovered.size(), corruptAtOpen);
        }
    }

    private record SegmentFile(Path path, Format format) {
    }

    private Map<Long, SegmentFile> segmentFiles() throws IOException {
        Map<Long, SegmentFile> files = new TreeMap<>();
        for (Format format : Format.values()) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + format.suffix)) {
                for (Path path : stream) {
                    String name = path.getFileName().toString();
                    try {
                        files.put(Long.parseLong(name.substring(0, name.length() - format.suffix.length())), new SegmentFile(path, format));
                    } catch (NumberFormatException e) {
                        log.warn("Persistent queue {}: ignoring the unknown file {}", directory, name);
                    }
                }
            }
        }
        return files;
    }

    /** The head from the newer of the two valid slots, or empty for a new queue or two damaged slots. */
    private OptionalLong readHead() throws IOException {
        byte[] slots = new byte[2 * HEAD_SLOT_BYTES];
        int read = Math.min((int) headFile.length(), slots.length);
        headFile.seek(0);
        headFile.readFully(slots, 0, read);
        OptionalLong best = OptionalLong.empty();
        for (int slot = 0; slot < 2; slot++) {
            if ((slot + 1) * HEAD_SLOT_BYTES > read) {
                break;
            }
            ByteBuffer buffer = ByteBuffer.wrap(slots, slot * HEAD_SLOT_BYTES, HEAD_SLOT_BYTES);
            long seq = buffer.getLong();
            int stored = buffer.getInt();
            if (stored == checksum(slots, slot * HEAD_SLOT_BYTES, 8) && (best.isEmpty() || seq > best.getAsLong())) {
                best = OptionalLong.of(seq);
                nextHeadSlot = 1 - slot;
            }
        }
        return best;
    }

    /** Reads a segment's records, keeping those not yet acknowledged; cuts a torn tail off the last segment. */
    private Segment scan(long firstSeq, SegmentFile file, boolean last) throws IOException {
        Path path = file.path();
        Segment segment = new Segment(firstSeq, file.format(), path, new RandomAccessFile(path.toFile(), "rw"), firstSeq, 0);
        try {
            readRecords(segment, last);
        } catch (IOException | RuntimeException e) {
            segment.file.close();
            throw e;
        }
        return segment;
    }

    private void readRecords(Segment segment, boolean last) throws IOException {
        Path path = segment.path;
        long seq = segment.firstSeq;
        long offset = 0;
        long size = Files.size(path);
        int headerBytes = segment.format.headerBytes;
        byte[] header = new byte[headerBytes];
        try (InputStream in = new BufferedInputStream(new FileInputStream(path.toFile()), 1 << 16);
                DataInputStream data = new DataInputStream(in)) {
            while (offset < size) {
                if (size - offset < headerBytes) {
                    corrupt(path, offset, "a header cut short");
                    break;
                }
                data.readFully(header);
                ByteBuffer fields = ByteBuffer.wrap(header);
                int length = fields.getInt();
                int stored = fields.getInt();
                int items = fields.getInt();
                if (length < 0 || length > size - offset - headerBytes || items < 0) {
                    corrupt(path, offset, "a length past the end of the file");
                    break;
                }
                byte[] payload = new byte[length];
                data.readFully(payload);
                Signal<?> signal = segment.format == Format.V1 ? Signal.TRACES : signal(fields.get());
                if (stored != recordChecksum(header, headerBytes, payload, 0, length)) {
                    corrupt(path, offset, "a CRC mismatch");
                } else if (signal == null) {
                    corrupt(path, offset, "an unknown signal");
                } else if (seq >= head) {
                    recovered.add(new Record(seq, signal, items, length, segment, offset));
                }
                seq++;
                offset += headerBytes + length;
            }
        } catch (EOFException e) {
            corrupt(path, offset, "a file shorter than it claimed");
        }
        if (last && offset < size) {
            segment.file.setLength(offset);
        }
        segment.endSeq = seq;
        segment.length = offset;
    }

    private void corrupt(Path path, long offset, String what) {
        corruptAtOpen++;
        log.warn("Persistent queue {}: skipping a damaged record in {} at byte {}: {}", directory, path.getFileName(), offset, what);
    }

    /** The signal of a record's code, or null for a code this version does not know. */
    private static Signal<?> signal(byte code) {
        return code >= 0 && code < SIGNALS.size() ? SIGNALS.get(code) : null;
    }

    /**
     * Appends a record of {@code signal}'s encoded export request holding {@code items} items and
     * returns it; the bytes reach the OS, not necessarily the disk.
     */
    Record append(Signal<?> signal, ByteString payload, int items) throws IOException {
        checkOpen();
        int length = payload.size();
        if (active == null || (active.length > 0 && active.length + HEADER_BYTES + length > segmentBytes)) {
            roll();
        }
        byte[] record = new byte[HEADER_BYTES + length];
        ByteBuffer.wrap(record).putInt(length).putInt(0).putInt(items).put((byte) SIGNALS.indexOf(signal));
        payload.copyTo(record, HEADER_BYTES);
        ByteBuffer.wrap(record, 4, 4).putInt(recordChecksum(record, HEADER_BYTES, record, HEADER_BYTES, length));
        Segment segment = active;
        long offset = segment.length;
        try {
            segment.file.seek(offset);
            segment.file.write(record);
        } catch (IOException e) {
            // A partial record would be read back as damaged; cut it off so the next append starts clean.
            segment.file.setLength(offset);
            throw e;
        }
        segment.length += record.length;
        segment.endSeq = tail + 1;
        segment.dirty = true;
        return new Record(tail++, signal, items, length, segment, offset);
    }

    /** Starts a segment of the current format: an older one found at open is never appended to. */
    private void roll() throws IOException {
        Path path = directory.resolve(String.format("%020d%s", tail, Format.V2.suffix));
        Segment segment = new Segment(tail, Format.V2, path, new RandomAccessFile(path.toFile(), "rw"), tail, 0);
        segment.file.setLength(0);
        segments.put(tail, segment);
        active = segment;
        syncDirectory();
    }

    /** A new segment's name must survive a power loss as well as its contents. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            log.debug("Persistent queue {}: the directory cannot be synced on this platform: {}", directory, e.toString());
        }
    }

    /** A record's payload, or null when its CRC no longer matches (damaged on disk since it was written). */
    ByteString read(Record record) throws IOException {
        checkOpen();
        int headerBytes = record.segment().format.headerBytes;
        byte[] bytes = new byte[headerBytes + record.bytes()];
        RandomAccessFile file = record.segment().file;
        file.seek(record.offset());
        file.readFully(bytes);
        int stored = ByteBuffer.wrap(bytes, 4, 4).getInt();
        if (ByteBuffer.wrap(bytes, 0, 4).getInt() != record.bytes()
                || stored != recordChecksum(bytes, headerBytes, bytes, headerBytes, record.bytes())) {
            return null;
        }
        return UnsafeByteOperations.unsafeWrap(bytes, headerBytes, record.bytes());
    }

    /** Moves the head: every record below {@code newHead} is acknowledged; segments wholly below it are deleted. */
    void acknowledge(long newHead) throws IOException {
        checkOpen();
        if (newHead <= head) {
            return;
        }
        byte[] slot = new byte[HEAD_SLOT_BYTES];
        ByteBuffer.wrap(slot).putLong(newHead).putInt(checksum(longBytes(newHead), 0, 8));
        headFile.seek((long) nextHeadSlot * HEAD_SLOT_BYTES);
        headFile.write(slot);
        if (syncAcks) {
            headFile.getFD().sync();
        }
        nextHeadSlot = 1 - nextHeadSlot;
        head = newHead;
        while (!segments.isEmpty()) {
            Segment oldest = segments.firstEntry().getValue();
            if (oldest == active || oldest.endSeq > head) {
                break;
            }
            segments.pollFirstEntry();
            delete(oldest);
        }
    }

    /** Captures what was written since the last capture, to be forced to the disk by {@link Sync#run()}. */
    Sync pendingSync() {
        List<Segment> dirty = new ArrayList<>();
        for (Segment segment : segments.values()) {
            if (segment.dirty) {
                segment.dirty = false;
                dirty.add(segment);
            }
        }
        return () -> {
            for (Segment segment : dirty) {
                segment.force();
            }
        };
    }

    private void delete(Segment segment) throws IOException {
        segment.deleted = true;
        segment.file.close();
        Files.deleteIfExists(segment.path);
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the persistent queue in " + directory + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Segment segment : segments.values()) {
            closeQuietly(segment.file);
        }
        closeQuietly(headFile);
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            log.debug("closing a queue file failed", e);
        }
    }

    /** The CRC of a header of {@code headerBytes} bytes but its CRC field, and of the payload. */
    private int recordChecksum(byte[] header, int headerBytes, byte[] payload, int payloadOffset, int length) {
        crc.reset();
        crc.update(header, 0, 4);
        crc.update(header, 8, headerBytes - 8);
        crc.update(payload, payloadOffset, length);
        return (int) crc.getValue();
    }

    private int checksum(byte[] bytes, int offset, int length) {
        crc.reset();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }
}
