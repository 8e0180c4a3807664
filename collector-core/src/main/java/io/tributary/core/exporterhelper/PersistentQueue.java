package io.tributary.core.exporterhelper;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.Counter;
import io.tributary.core.component.StorageDirectory;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending queue kept in a storage extension's directory ({@link QueueLog}): a batch stays on
 * disk from {@link #offer} until {@link #done}, so whatever was not sent or given up on is sent
 * again after a restart or a crash (at least once: a batch in flight at the crash is sent twice).
 *
 * <p>The size counts every record from the oldest one not yet done to the newest, done ones in
 * between included, because that is what the disk holds: the bound on {@code queue_size} is a
 * bound on the files (plus at most one segment). With {@code durable}, {@link #offer} returns only
 * once the record is forced to the disk, by group commit: one offering thread forces the log at a
 * time and every record appended meanwhile rides along with the next force.
 *
 * <p>A queue holds one signal's batches (an exporter has a queue, and a directory, per signal, as
 * in otelcol); each record says its signal, and one of another signal is skipped as damaged.
 */
final class PersistentQueue<D extends SignalData<D, ?>> extends LockedQueue<D> {
    private static final Logger log = LoggerFactory.getLogger(PersistentQueue.class);

    private static final class Entry<D> implements Taken<D> {
        private final QueueLog.Record record;
        private final Completion completion;
        private D data;
        private boolean done;

        private Entry(QueueLog.Record record, Completion completion) {
            this.record = record;
            this.completion = completion;
        }

        @Override
        public D data() {
            return data;
        }
    }

    private final Signal<D> signal;
    private final StorageDirectory directory;
    private final QueueLog queueLog;
    private final Sizer sizer;
    private final boolean durable;
    private final Counter corrupt;
    /** Not yet taken, oldest first. */
    private final ArrayDeque<Entry<D>> ready = new ArrayDeque<>();
    /** Every record from the head on, taken or not, done or not, oldest first. */
    private final ArrayDeque<Entry<D>> held = new ArrayDeque<>();
    private boolean released;
    private final ReentrantLock syncLock = new ReentrantLock();
    /** Records numbered below this are on the disk; guarded by {@link #syncLock}. */
    private long synced;

    private PersistentQueue(Signal<D> signal, StorageDirectory directory, QueueLog queueLog, long capacity, Sizer sizer,
            boolean blockOnOverflow, boolean durable, Counter corrupt) {
        super(capacity, blockOnOverflow);
        this.signal = signal;
        this.directory = directory;
        this.queueLog = queueLog;
        this.sizer = sizer;
        this.durable = durable;
        this.corrupt = corrupt;
    }

    /**
     * Opens the queue of {@code signal}'s batches in {@code directory}, which it then owns;
     * recovered records are ready to be taken at once.
     *
     * @param blockOnOverflow an offer to a full queue waits for room
     * @param durableAck      force each record to the disk before {@link #offer} returns, as the
     *                        directory's {@code fsync} also asks
     * @param corrupt         counts damaged records skipped, when opening or reading
     */
    static <D extends SignalData<D, ?>> PersistentQueue<D> open(Signal<D> signal, StorageDirectory directory, long capacity,
            Sizer sizer, boolean blockOnOverflow, boolean durableAck, long segmentBytes, Counter corrupt) throws IOException {
        QueueLog queueLog;
        try {
            queueLog = QueueLog.open(directory.path(), segmentBytes, directory.fsync());
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
        PersistentQueue<D> queue = new PersistentQueue<>(signal, directory, queueLog, capacity, sizer, blockOnOverflow,
                durableAck || directory.fsync(), corrupt);
        corrupt.increment(queueLog.corruptAtOpen());
        for (QueueLog.Record record : queueLog.recovered()) {
            Entry<D> entry = new Entry<>(record, Completion.NONE);
            queue.ready.add(entry);
            queue.held.add(entry);
            queue.size += queue.sizeOf(record);
        }
        queue.synced = queueLog.tail();
        return queue;
    }

    @Override
    public boolean offer(D data, Completion completion, CallerContext caller) throws IOException {
        ByteString bytes = data.encoded();
        long need = sizer.sizeOf(data.itemCount(), bytes.size());
        QueueLog.Record record;
        lock.lock();
        try {
            if (!awaitRoom(need, caller)) {
                return false;
            }
            record = queueLog.append(signal, bytes, data.itemCount());
            Entry<D> entry = new Entry<>(record, completion);
            ready.add(entry);
            held.add(entry);
            size += need;
            signalReady();
        } finally {
            lock.unlock();
        }
        if (durable) {
            awaitDisk(record.seq());
        }
        return true;
    }

    /** Group commit: whoever gets the sync lock first forces every record appended so far. */
    private void awaitDisk(long seq) throws IOException {
        syncLock.lock();
        try {
            if (synced > seq) {
                return;
            }
            QueueLog.Sync sync;
            long upTo;
            lock.lock();
            try {
                if (released) {
                    throw new IOException("the persistent queue was closed before the batch reached the disk");
                }
                sync = queueLog.pendingSync();
                upTo = queueLog.tail();
            } finally {
                lock.unlock();
            }
            // Outside the queue lock: appends and takes go on while the disk works.
            sync.run();
            synced = upTo;
        } finally {
            syncLock.unlock();
        }
    }

    @Override
    public Taken<D> take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                awaitReady(ready::isEmpty);
                Entry<D> entry = ready.poll();
                if (entry == null || released) {
                    return null;
                }
                entry.data = load(entry.record);
                if (entry.data != null) {
                    return entry;
                }
                finish(entry);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The record's batch, or null (counted) when it is damaged or of another signal. */
    private D load(QueueLog.Record record) {
        String problem;
        if (record.signal() != signal) {
            problem = "it holds " + record.signal() + ", not " + signal;
        } else {
            try {
                ByteString payload = queueLog.read(record);
                if (payload == null) {
                    problem = "its CRC no longer matches";
                } else {
                    D data = signal.parse(payload);
                    if (data.itemCount() == record.items()) {
                        return data;
                    }
                    problem = "its item count does not match its header";
                }
            } catch (IOException e) {
                problem = "it cannot be read: " + e;
            } catch (InvalidOtlpException e) {
                problem = "it is not valid OTLP: " + e.getMessage();
            }
        }
        corrupt.increment();
        log.error("Persistent queue {}: skipping record {} ({} {}s): {}", directory.path(), record.seq(), record.items(),
                record.signal().itemName(), problem);
        return null;
    }

    @Override
    public void done(Taken<D> taken, SendException failure) {
        Entry<D> entry = (Entry<D>) taken;
        lock.lock();
        try {
            finish(entry);
        } finally {
            lock.unlock();
        }
        entry.completion.done(failure);
    }

    private void finish(Entry<D> entry) {
        entry.done = true;
        entry.data = null;
        while (!held.isEmpty() && held.peekFirst().done) {
            size -= sizeOf(held.pollFirst().record);
            signalRoom();
        }
        if (released) {
            return;
        }
        long head = held.isEmpty() ? queueLog.tail() : held.peekFirst().record.seq();
        try {
            queueLog.acknowledge(head);
        } catch (IOException e) {
            // The batch is done all the same; after a restart it would be sent again.
            log.warn("Persistent queue {}: cannot record that batches were sent: {}", directory.path(), e.toString());
        }
    }

    @Override
    public List<Taken<D>> release() {
        close();
        lock.lock();
        try {
            if (!released) {
                released = true;
                long unsent = held.stream().filter(entry -> !entry.done).count();
                if (unsent > 0) {
                    log.info("Persistent queue {}: {} batches stay on disk and are sent after the restart", directory.path(), unsent);
                }
                queueLog.close();
                directory.close();
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean persistent() {
        return true;
    }

    private long sizeOf(QueueLog.Record record) {
        return sizer.sizeOf(record.items(), record.bytes());
    }
}
