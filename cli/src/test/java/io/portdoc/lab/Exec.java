package io.portdoc.lab;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a fixed argv (no shell) with a deadline and collects its output. */
final class Exec {
    private Exec() {}

    /** What a command did; {@code exit} is -1 when it was killed at its deadline. */
    record Result(List<String> argv, int exit, String out, String err, long elapsedMs) {
        Result ok() {
            if (exit != 0) {
                throw new IllegalStateException(
                        "lab command failed (exit " + exit + "): " + String.join(" ", argv) + "\n" + err + out);
            }
            return this;
        }
    }

    static Result run(List<String> argv, String stdin, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("LC_ALL", "C");
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(argv, 127, "", e.getMessage(), 0);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        if (stdin != null) {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the command exited without reading: its exit code tells
            }
        }
        boolean done;
        try {
            done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new Result(argv, done ? p.exitValue() : -1, out.join(), err.join(), elapsed);
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    /** True when {@code program} is an executable on the PATH or in /usr/sbin, /sbin. */
    static boolean installed(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Absolute path of an installed program, or the bare name. */
    static String which(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return program;
    }
}
