package io.portdoc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: {@code portdoc probe HOST PORT}. */
@Command(name = "probe", description = "Try a TCP connection to HOST PORT, like telnet, and classify the outcome.")
public final class ProbeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
