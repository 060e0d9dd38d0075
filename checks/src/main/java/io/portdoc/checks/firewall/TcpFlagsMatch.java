package io.portdoc.checks.firewall;

import java.util.Locale;

/** {@code tcp flags & mask == value} / {@code --tcp-flags MASK COMP}; the packet is a bare SYN. */
record TcpFlagsMatch(int mask, int value, boolean negated, String text) implements Cond {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    static final int URG = 0x20;
    static final int ECE = 0x40;
    static final int CWR = 0x80;

    static int flag(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "fin" -> FIN;
            case "syn" -> SYN;
            case "rst" -> RST;
            case "psh" -> PSH;
            case "ack" -> ACK;
            case "urg" -> URG;
            case "ece" -> ECE;
            case "cwr" -> CWR;
            case "all" -> 0xff;
            case "none" -> 0;
            default -> throw new IllegalArgumentException("unknown TCP flag " + name);
        };
    }

    @Override
    public MatchResult test(Packet p) {
        if (p.proto() != Packet.TCP) {
            return MatchResult.FALSE;
        }
        return MatchResult.of(((SYN & mask) == value) != negated);
    }
}
