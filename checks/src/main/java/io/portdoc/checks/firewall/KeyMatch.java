package io.portdoc.checks.firewall;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/** {@code key [!]= values}: the common condition of nft payload/meta/ct matches and iptables options. */
record KeyMatch(Key key, Values values, boolean negated, String text) implements Cond {
    private static final AddrMatch V4 = AddrMatch.of("0.0.0.0/0");
    private static final AddrMatch V6 = AddrMatch.of("::/0");

    @Override
    public MatchResult test(Packet p) {
        if (key == Key.SADDR) {
            AddrMatch set = ((Values.Addrs) values).set();
            if (p.symbolicSource()) {
                return new MatchResult.Source(set, negated);
            }
            return MatchResult.of(set.contains(p.saddr()) != negated);
        }
        if (key == Key.NFPROTO) {
            Set<String> fams = ((Values.Names) values).names();
            if (p.family() == 0) {
                boolean v4 = fams.contains("ipv4");
                boolean v6 = fams.contains("ipv6");
                AddrMatch set = v4 && v6 ? AddrMatch.union(List.of(V4, V6)) : v4 ? V4 : v6 ? V6 : AddrMatch.EMPTY;
                return new MatchResult.Source(set, negated);
            }
            return MatchResult.of(fams.contains(p.family() == 4 ? "ipv4" : "ipv6") != negated);
        }
        if (key == Key.OIFNAME && p.oif() == null && !p.forward()) {
            return MatchResult.FALSE; // no output interface on the input path: the expression does not match
        }
        Tri t = raw(p);
        return MatchResult.of(negated ? t.not() : t, text);
    }

    private Tri raw(Packet p) {
        return switch (key) {
            case DADDR -> daddr(p);
            case L4PROTO -> Tri.of(((Values.Ints) values).set().contains(p.proto()));
            case DPORT -> Tri.of(((Values.Ints) values).set().contains(p.dport()));
            case SPORT -> sport();
            case IIFNAME -> iif(p);
            case OIFNAME -> p.oif() == null ? Tri.UNKNOWN : Tri.of(names().matches(p.oif()));
            case CTSTATE -> Tri.of(names().names().contains("new"));
            case CTSTATUS -> ctStatus(p);
            case PKTTYPE ->
                Tri.of(names().names().contains("host") || names().names().contains("unicast"));
            case FIB_DADDR_TYPE -> Tri.of(names().names().contains(p.forward() ? "unicast" : "local"));
            case FIB_RPF -> Tri.of(names().names().contains("exists"));
            case ADDRTYPE_DST -> Tri.of(names().names().contains(p.forward() ? "UNICAST" : "LOCAL"));
            default -> Tri.UNKNOWN;
        };
    }

    private Values.Names names() {
        return (Values.Names) values;
    }

    private Tri daddr(Packet p) {
        AddrMatch set = ((Values.Addrs) values).set();
        boolean any = false;
        boolean all = true;
        int seen = 0;
        for (InetAddress a : p.daddrs()) {
            int f = Packet.family(a);
            if ((f == 4 && !set.hasV4()) || (f == 6 && !set.hasV6())) {
                if (p.family() != 0) {
                    all = false;
                    seen++;
                }
                continue; // symbolic family: the family condition beside this one decides
            }
            seen++;
            boolean in = set.contains(a);
            any |= in;
            all &= in;
        }
        if (seen == 0) {
            return p.daddrs().isEmpty() ? Tri.UNKNOWN : Tri.FALSE;
        }
        return all ? Tri.TRUE : any ? Tri.UNKNOWN : Tri.FALSE;
    }

    /** The client's source port is ephemeral: decided only when the set covers or misses that range. */
    private Tri sport() {
        IntRanges set = ((Values.Ints) values).set();
        if (set.covers(1024, 65535)) {
            return Tri.TRUE;
        }
        if (!set.overlaps(1024, 65535)) {
            return Tri.FALSE;
        }
        return Tri.UNKNOWN;
    }

    private Tri iif(Packet p) {
        if (p.iif() != null) {
            return Tri.of(names().matches(p.iif()));
        }
        if (p.iifLoopback()) {
            return Tri.of(names().matches("lo"));
        }
        // some interface other than lo, name not known
        boolean onlyLo = names().names().stream().allMatch(n -> n.equals("lo"));
        return onlyLo ? Tri.FALSE : Tri.UNKNOWN;
    }

    private Tri ctStatus(Packet p) {
        Set<String> s = names().names();
        if (s.contains("dnat") && p.dnat()) {
            return Tri.TRUE;
        }
        boolean onlyNat = s.stream().allMatch(x -> x.equals("dnat") || x.equals("snat"));
        return onlyNat ? Tri.FALSE : Tri.UNKNOWN;
    }
}
