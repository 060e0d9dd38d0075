package io.portdoc.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A background process the lab started inside a namespace (a listener, a daemon). Its output
 * goes to {@link #log()}. Stopped by {@link LabNet#reset()} after each test, or by {@link #stop()}.
 */
public final class Proc {
    private final Process process;
    private final String namespace;
    private final String processName;
    private final Path log;

    Proc(Process process, String namespace, String processName, Path log) {
        this.process = process;
        this.namespace = namespace;
        this.processName = processName;
        this.log = log;
    }

    public long pid() {
        return process.pid();
    }

    public String namespace() {
        return namespace;
    }

    /** What {@code ps -e} shows for it (comm): the name to give {@code --service}. */
    public String processName() {
        return processName;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGTERM, then SIGKILL for it and its children after 3 s. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        var children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String toString() {
        return processName + " (pid " + pid() + " in " + namespace + ")";
    }
}
