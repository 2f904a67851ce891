package dev.kassa.platform.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL's {@code postmaster.pid} in a data directory: line 1 the postmaster's pid, line 3 its start time
 * (epoch seconds), line 4 its port. It exists while a server runs, and after one that was killed.
 */
record PostmasterPidFile(Path path, long pid, Instant startedAt, int port) {

    static Path in(Path dataDirectory) {
        return dataDirectory.resolve("postmaster.pid");
    }

    /** The file's contents; empty when there is none, or it is unreadable or half written. */
    static Optional<PostmasterPidFile> read(Path dataDirectory) {
        Path path = in(dataDirectory);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(path);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            return Optional.of(new PostmasterPidFile(path, Long.parseLong(lines.get(0).trim()),
                    Instant.ofEpochSecond(Long.parseLong(lines.get(2).trim())), Integer.parseInt(lines.get(3).trim())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The live process with the file's pid, if there is one (it may be another program that reused the pid). */
    Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    /**
     * Whether {@code process} is the postmaster that wrote this file rather than a later process that got the same
     * pid: a {@code postgres} executable that started when the file says. Unknown (empty) when the system does not
     * tell a process's command or start time.
     */
    Optional<Boolean> writtenBy(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        if (info.command().isEmpty() || info.startInstant().isEmpty()) {
            return Optional.empty();
        }
        boolean postgres = Path.of(info.command().get()).getFileName().toString().equals("postgres");
        long secondsApart = Math.abs(info.startInstant().get().getEpochSecond() - startedAt.getEpochSecond());
        return Optional.of(postgres && secondsApart <= 10);
    }
}
