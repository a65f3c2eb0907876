package dev.tasklane.gateway;

import dev.tasklane.gateway.security.LocalSecrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * One process per data directory: a lock on {@code tasklane.lock} in it, held from before the store opens until the
 * process ends, with the holder's PID inside so a second process can say who has it. The directory is made the
 * owner's only.
 */
final class DataDirLock {

    static final String FILE = "tasklane.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock on {@code dataDir}, creating it owner-only if missing; throws {@link InUse} when another has it. */
    static DataDirLock acquire(Path dataDir) throws InUse {
        try {
            Path dir = LocalSecrets.createOwnerOnlyDirectory(dataDir.toAbsolutePath().normalize());
            narrowToOwner(dir);
            Path file = dir.resolve(FILE);
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), LocalSecrets.ownerOnlyFile(dir));
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new InUse(dir, holder.isEmpty() ? "another process" : "process " + holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the data directory " + dataDir.toAbsolutePath(), e);
        }
    }

    /**
     * Makes the directory its owner's only. One this process may write in but does not own (a mounted volume) keeps
     * the permissions it was given: the files Tasklane creates in it are owner-only all the same.
     */
    private static void narrowToOwner(Path dir) throws IOException {
        if (!Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            return;
        }
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (FileSystemException notTheOwner) {
            // left as the volume gives it
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            return null;
        }
    }

    /** Gives the directory up, for a process that goes on without it. */
    void release() throws IOException {
        lock.release();
        channel.close();
    }

    /** The data directory is another live process's. */
    static final class InUse extends Exception {

        InUse(Path dataDir, String holder) {
            super("the data directory " + dataDir + " is in use by " + holder + " (lock file " + dataDir.resolve(FILE)
                    + "): stop that process, or give this one another directory with TASKLANE_DATA_DIR");
        }
    }
}
