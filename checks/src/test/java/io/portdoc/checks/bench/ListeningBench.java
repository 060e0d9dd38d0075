package io.portdoc.checks.bench;

import io.portdoc.checks.facts.Family;
import io.portdoc.checks.facts.ProcNetTcp;
import io.portdoc.checks.facts.SocketListing;
import io.portdoc.checks.facts.SocketOwners;
import io.portdoc.checks.facts.SocketTable;
import io.portdoc.checks.facts.TcpSocket;
import io.portdoc.core.host.RealSystem;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Not a unit test: run by hand (scripts/bench-listening.sh runs both modes).
 * <pre>
 * java -cp cli/target/portdoc.jar:checks/target/test-classes io.portdoc.checks.bench.ListeningBench synthetic [LINES]
 * java -cp ... io.portdoc.checks.bench.ListeningBench real PORT   (inside a namespace with many sockets)
 * </pre>
 * synthetic: a generated /proc/net/tcp (kernel's line format, 2% LISTEN, the rest ESTABLISHED
 * and TIME_WAIT) parsed repeatedly; prints median time and bytes allocated per parse.
 * real: the listening step's work on this host (read and parse both tables, map the target
 * port's inodes to PIDs) and the work of {@code portdoc listening} (map every listening
 * socket), each timed cold once and then warm.
 */
public final class ListeningBench {
    private ListeningBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("real")) {
            List<Long> daemon = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                daemon.add(Long.parseLong(args[i]));
            }
            real(Integer.parseInt(args[1]), daemon);
        } else {
            synthetic(args.length > 1 ? Integer.parseInt(args[1]) : 50_000);
        }
    }

    /** A /proc/net/tcp as tcp4_seq_show prints it. */
    static String generate(int lines) {
        StringBuilder sb = new StringBuilder(lines * 150);
        sb.append("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"
                + "                                                     \n");
        for (int i = 0; i < lines; i++) {
            int state = i % 50 == 0 ? 0x0A : i % 5 < 3 ? 0x01 : 0x06;
            int localPort = state == 0x0A ? 10000 + i / 50 : 32768 + i % 28000;
            long inode = state == 0x06 ? 0 : 100_000 + i;
            sb.append(String.format(
                    "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %d 1 %016x 100 0 0 10 0%n",
                    i,
                    0x0100007F + (i % 4 << 24),
                    localPort,
                    state == 0x0A ? 0 : 0x0100007F,
                    state == 0x0A ? 0 : 20000 + i % 100,
                    state,
                    0,
                    0,
                    0,
                    0,
                    0,
                    1000,
                    0,
                    inode,
                    0xffff8880_00000000L + i));
        }
        return sb.toString();
    }

    static void synthetic(int lines) {
        String table = generate(lines);
        System.out.printf("synthetic /proc/net/tcp: %d lines, %.1f MB%n", lines, table.length() / 1e6);
        List<TcpSocket> sink = new ArrayList<>();
        for (int i = 0; i < 30; i++) { // warm-up
            sink.clear();
            ProcNetTcp.parse(table, Family.IPV4, true, sink);
            sink.clear();
            ProcNetTcp.parse(table, Family.IPV4, false, sink);
        }
        report("parse, LISTEN only", 50, () -> {
            List<TcpSocket> out = new ArrayList<>();
            ProcNetTcp.parse(table, Family.IPV4, true, out);
            return out.size();
        });
        report("parse, every state", 50, () -> {
            List<TcpSocket> out = new ArrayList<>();
            ProcNetTcp.parse(table, Family.IPV4, false, out);
            return out.size();
        });
    }

    /** {@code daemon}: PIDs the daemon step found (scanned first, as in a diagnosis). */
    static void real(int port, List<Long> daemon) throws Exception {
        RealSystem sys = new RealSystem();
        String tcp = sys.readFile(Family.IPV4.file);
        System.out.printf(
                "this host: /proc/net/tcp %d lines, %.1f MB; tcp6 %d lines%n",
                tcp.lines().count() - 1,
                tcp.length() / 1e6,
                sys.readFile(Family.IPV6.file).lines().count() - 1);
        Supplier<Integer> step = () -> {
            SocketTable t = SocketTable.read(sys);
            Set<Long> inodes = t.onPort(port).stream().map(TcpSocket::inode).collect(Collectors.toSet());
            return SocketOwners.find(sys, inodes, daemon).owners().size();
        };
        Supplier<Integer> listing = () -> SocketListing.read(sys, 0).entries().size();
        time(
                "listening step (tables, owner of port " + port + ", " + daemon.size() + " daemon pids first), cold",
                step);
        time("portdoc listening (owners of every LISTEN socket), cold", listing);
        report("listening step, warm", 10, step);
        report("portdoc listening, warm", 5, listing);
        report(
                "read+parse tables only, warm",
                10,
                () -> SocketTable.read(sys).listening().size());
    }

    private static void time(String what, Supplier<Integer> task) {
        long c0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int n = task.get();
        System.out.printf(
                "%-70s %8.1f ms, cpu %.1f ms  (%d)%n",
                what,
                (System.nanoTime() - t0) / 1e6,
                (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0) / 1e6,
                n);
    }

    private static void report(String what, int runs, Supplier<Integer> task) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        long bytes = 0;
        int n = 0;
        for (int i = 0; i < runs; i++) {
            long a0 = mx.getThreadAllocatedBytes(tid);
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            n = task.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            bytes += mx.getThreadAllocatedBytes(tid) - a0;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf(
                "%-70s %8.1f ms median (min %.1f), cpu %.1f ms, %.1f MB allocated/run  (%d)%n",
                what, ms[runs / 2], ms[0], cpu[runs / 2], bytes / 1e6 / runs, n);
    }
}
