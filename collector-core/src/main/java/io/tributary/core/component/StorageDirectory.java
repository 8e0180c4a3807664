package io.tributary.core.component;

import java.io.Closeable;
import java.nio.file.Path;

/** A directory a {@link StorageExtension} lent to one component; {@link #close()} gives it back. */
public interface StorageDirectory extends Closeable {
    Path path();

    /** Whether every write must reach the disk before it counts as done ({@code file_storage::fsync}). */
    boolean fsync();

    /** Releases the directory (its files stay); never throws. */
    @Override
    void close();
}
