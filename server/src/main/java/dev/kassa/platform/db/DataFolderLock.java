package dev.kassa.platform.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The exclusive lock on {@code KASSA_DATA_DIR/kassa.lock} that the one Kassa running a data folder's embedded
 * PostgreSQL holds for as long as it runs. The operating system releases it when the process ends, however it
 * ends (SIGKILL included), so an embedded PostgreSQL whose folder nobody has locked was left behind by a Kassa
 * that is gone. Admin commands that attach to a running server's database do not take it.
 */
public final class DataFolderLock implements AutoCloseable {

    public static final String FILE_NAME = "kassa.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or fails at once with "another Kassa is using FOLDER" when someone holds it. */
    public static DataFolderLock acquire(Path kassaDataDir) {
        return tryAcquire(kassaDataDir).orElseThrow(() -> new DataFolderInUse(kassaDataDir));
    }

    /** The lock, or empty when another process (or another part of this one) holds it. */
    public static Optional<DataFolderLock> tryAcquire(Path kassaDataDir) {
        try {
            Files.createDirectories(kassaDataDir);
            FileChannel channel = FileChannel.open(kassaDataDir.resolve(FILE_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            // For operators who wonder who holds the folder; the lock itself is what counts.
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return Optional.of(new DataFolderLock(channel, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock " + kassaDataDir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Another Kassa holds the data folder. */
    public static final class DataFolderInUse extends IllegalStateException {
        DataFolderInUse(Path kassaDataDir) {
            super("another Kassa is using " + kassaDataDir + " (it holds " + kassaDataDir.resolve(FILE_NAME)
                    + "); stop it first, or give this one its own KASSA_DATA_DIR");
        }
    }
}
