package dev.tasklane.gateway.service;

import dev.tasklane.gateway.security.LocalSecrets;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Keeps an H2 file store readable by its owner only, like the keys beside it: H2 creates its files with the
 * process's default permissions, so once the store is open they are narrowed to 0600.
 */
@Singleton
public class StoreFilePermissions {

    private static final String H2_FILE = "jdbc:h2:file:";
    private static final List<String> H2_SUFFIXES = List.of(".mv.db", ".trace.db");

    private final String storeUrl;

    public StoreFilePermissions(@Value("${datasources.default.url:}") String storeUrl) {
        this.storeUrl = storeUrl;
    }

    @EventListener
    void onStartup(StartupEvent started) {
        if (!storeUrl.toLowerCase(Locale.ROOT).startsWith(H2_FILE)) {
            return;
        }
        String base = storeUrl.substring(H2_FILE.length()).split(";", 2)[0];
        for (String suffix : H2_SUFFIXES) {
            Path file = Path.of(base + suffix);
            try {
                if (Files.exists(file)) {
                    LocalSecrets.restrictToOwner(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the store file " + file + " the owner's only", e);
            }
        }
    }
}
