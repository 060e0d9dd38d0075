package io.portdoc.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    private final boolean forked;

    /** {@code forked}: the program is the child of {@code process} (nsenter), not the process itself. */
    Proc(Process process, String namespace, String processName, Path log, boolean forked) {
        this.process = process;
        this.namespace = namespace;
        this.processName = processName;
        this.log = log;
        this.forked = forked;
    }

    /** The PID of what the lab started ({@code ip netns exec} or {@code nsenter}), in the machine's PID namespace. */
    public long pid() {
        return process.pid();
    }

    /**
     * The program's own PID as the machine sees it (not as the lab's PID namespace numbers it);
     * -1 while nsenter has not forked it yet.
     */
    public long programPid() {
        if (!forked) {
            return process.pid();
        }
        return process.children().findFirst().map(ProcessHandle::pid).orElse(-1L);
    }

    /** The started process and all its descendants (where the listening socket may be). */
    List<Long> tree() {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(h -> pids.add(h.pid()));
        return pids;
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
        if (forked) { // nsenter does not pass signals on: the program gets its own SIGTERM
            children.forEach(ProcessHandle::destroy);
        }
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
