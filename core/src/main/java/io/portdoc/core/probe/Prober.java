package io.portdoc.core.probe;

import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * "telnet host port", classified: a TCP connect with a timeout to every address the host
 * resolves to, all at once (IPv4 and IPv6 in parallel, so a dead IPv6 path does not add its
 * timeout to a working IPv4 one). A probe never sends data: connect, then close.
 */
public final class Prober {
    private final SystemView system;

    public Prober(SystemView system) {
        this.system = system;
    }

    /** Resolves {@code host} (a name or a literal) through the system and probes each address. */
    public ProbeResult probe(String host, int port, Duration timeout) {
        return probe(host, system.resolve(host), port, timeout);
    }

    /**
     * Probes the given addresses in parallel; attempts come back in the given order. No
     * addresses: {@code host} did not resolve.
     */
    public ProbeResult probe(String host, List<InetAddress> addresses, int port, Duration timeout) {
        if (addresses.isEmpty()) {
            return ProbeResult.of(
                    host, port, List.of(new Attempt(host, ProbeState.UNRESOLVED, 0, "name does not resolve")));
        }
        List<InetAddress> distinct = addresses.stream().distinct().toList();
        List<Attempt> attempts = new ArrayList<>();
        if (distinct.size() == 1) {
            attempts.add(attempt(distinct.get(0), port, timeout));
        } else if (!distinct.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(distinct.size(), 32), r -> {
                Thread t = new Thread(r, "portdoc-probe");
                t.setDaemon(true);
                return t;
            });
            try {
                List<CompletableFuture<Attempt>> futures = distinct.stream()
                        .map(a -> CompletableFuture.supplyAsync(() -> attempt(a, port, timeout), pool))
                        .toList();
                futures.forEach(f -> attempts.add(f.join()));
            } finally {
                pool.shutdownNow();
            }
        }
        return ProbeResult.of(host, port, attempts);
    }

    private Attempt attempt(InetAddress address, int port, Duration timeout) {
        long start = System.nanoTime();
        try {
            system.connect(new InetSocketAddress(address, port), timeout);
            return new Attempt(Addresses.text(address), ProbeState.OPEN, millisSince(start), null);
        } catch (IOException e) {
            return new Attempt(Addresses.text(address), ProbeState.classify(e), millisSince(start), errorText(e));
        } catch (RuntimeException e) {
            // e.g. IllegalArgumentException for an unusable address: nothing was sent
            return new Attempt(
                    Addresses.text(address), ProbeState.NETWORK_UNREACHABLE, millisSince(start), errorText(e));
        }
    }

    private static String errorText(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
