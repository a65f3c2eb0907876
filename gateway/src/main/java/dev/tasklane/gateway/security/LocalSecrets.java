package dev.tasklane.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Secrets a single-machine install keeps in its data directory when none are configured: the token secret,
 * the sealing key and the dev token, each readable by the owner only, as are the data directory and its other files.
 */
public final class LocalSecrets {

    public static final String JWT_SECRET_FILE = "jwt-secret";
    public static final String ENCRYPTION_KEY_FILE = "encryption-key";
    public static final String DEV_TOKEN_FILE = "dev-token";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private LocalSecrets() {
    }

    /** The 32 random bytes (base64) kept in {@code dataDir/name}, created on first use. */
    public static String readOrCreate(Path dataDir, String name) {
        Path file = dataDir.resolve(name);
        Optional<String> existing = read(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        try {
            Files.writeString(createOwnerOnly(file), Base64.getEncoder().encodeToString(bytes) + "\n");
        } catch (FileAlreadyExistsException raced) {
            // Another process created it first: use theirs.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
        return read(file).orElseThrow();
    }

    /** The content of {@code file}, trimmed, if it exists. */
    public static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Replaces {@code file} with {@code text} in one step, so a reader never sees half of it. */
    public static void replace(Path file, String text) {
        try {
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.deleteIfExists(next);
            Files.writeString(createOwnerOnly(next), text + "\n", StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Creates {@code dir} (and missing parents) readable by the owner only, where the file system has permissions. */
    public static Path createOwnerOnlyDirectory(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return absolute;
        }
        return Files.createDirectories(absolute, posix(absolute) ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0]);
    }

    /** The attribute that makes a file created in {@code dir} readable and writable by its owner only, if any. */
    public static FileAttribute<?>[] ownerOnlyFile(Path dir) throws IOException {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
    }

    /** Makes an existing {@code file} readable and writable by its owner only, where the file system has permissions. */
    public static void restrictToOwner(Path file) throws IOException {
        if (posix(file.toAbsolutePath().getParent())) {
            Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
        }
    }

    private static Path createOwnerOnly(Path file) throws IOException {
        Path parent = createOwnerOnlyDirectory(file.toAbsolutePath().getParent());
        return Files.createFile(file, ownerOnlyFile(parent));
    }

    private static boolean posix(Path existing) throws IOException {
        Path probe = existing;
        while (!Files.exists(probe)) {
            probe = probe.getParent();
        }
        return Files.getFileStore(probe).supportsFileAttributeView("posix");
    }
}
