package io.portdoc.core.vantage;

import io.portdoc.core.Verdict;
import java.net.InetAddress;

/**
 * The server's route back to the client ({@code ip route get CLIENT} on the server) and reverse
 * path filtering ({@code /proc/sys/net/ipv4/conf/{all,DEV}/rp_filter}; the kernel uses the larger
 * of the two: 0 off, 1 strict, 2 loose). {@code arrivalDev} is the interface holding the address
 * the client connects to, when known (then a route back by another interface is asymmetric);
 * {@code rpFilter} is -1 when not read.
 */
public record RouteBack(
        InetAddress client, Kind kind, InetAddress gateway, String dev, String arrivalDev, int rpFilter, String error) {
    public enum Kind {
        ON_LINK,
        GATEWAY,
        /** Unreachable, prohibit or blackhole: the answer never leaves. */
        NONE,
        /** The client is this host itself: nothing to route. */
        LOCAL,
        UNKNOWN
    }

    /** The answer leaves by another interface than the one the SYN arrived on. */
    public boolean asymmetric() {
        return arrivalDev != null && dev != null && !arrivalDev.equals(dev);
    }

    /** Strict reverse path filtering drops a SYN whose route back is not its arrival interface. */
    public boolean strictDrop() {
        return rpFilter == 1 && (kind == Kind.NONE || asymmetric());
    }

    /**
     * FAIL: the answer never leaves, or strict rp_filter drops the SYN; WARN: the answer leaves by
     * another interface (a stateful device on either path sees half the connection); UNKNOWN: not
     * read; PASS otherwise.
     */
    public Verdict verdict() {
        return switch (kind) {
            case NONE -> Verdict.FAIL;
            case UNKNOWN -> Verdict.UNKNOWN;
            case LOCAL -> Verdict.PASS;
            default -> strictDrop() ? Verdict.FAIL : asymmetric() ? Verdict.WARN : Verdict.PASS;
        };
    }
}
