package io.portdoc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: {@code portdoc listening}. */
@Command(name = "listening", description = "List listening TCP sockets, like netstat -tlpn, but readable.")
public final class ListeningCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
