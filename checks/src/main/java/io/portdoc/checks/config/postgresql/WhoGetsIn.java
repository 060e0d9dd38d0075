package io.portdoc.checks.config.postgresql;

import io.portdoc.core.DbLogin;
import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who gets past pg_hba.conf, over the whole address space at once: one sweep over the lines'
 * address blocks (sorted ends, the active lines kept in index order), so 10,000 lines cost a
 * sort, not 10,000 set differences. At each address the first line matching every login
 * decides; lines before it that match only some logins (another database or user, SSL or not)
 * make the answer "some logins". Host-name lines depend on DNS and are listed apart.
 */
public final class WhoGetsIn {
    private static final BigInteger V4_END = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger V6_END = BigInteger.ONE.shiftLeft(128);

    /**
     * {@code every}: addresses let in for every login; {@code some}: for some logins only;
     * {@code deciding}: the lines that decide somewhere (in file order); {@code byName}: host-name lines.
     */
    public record Result(AddressSet every, AddressSet some, List<HbaLine> deciding, List<HbaLine> byName) {}

    private record Event(BigInteger at, int line, boolean start) {}

    private WhoGetsIn() {}

    public static Result of(List<HbaLine> lines, HbaEnv env, DbLogin login) {
        HbaEvaluator eval = new HbaEvaluator(env);
        int n = lines.size();
        Tri[] match = new Tri[n];
        List<Event> v4 = new ArrayList<>();
        List<Event> v6 = new ArrayList<>();
        List<HbaLine> byName = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HbaLine l = lines.get(i);
            match[i] = l.type() == ConnType.LOCAL
                    ? Tri.NO
                    : l.type().matchesTcp(env.ssl()).and(eval.login(l, login));
            if (match[i] == Tri.NO) {
                continue;
            }
            switch (l.address().kind()) {
                case ALL -> addEvents(AddressSet.ALL, i, v4, v6);
                case BLOCK -> {
                    Span s = l.address().span();
                    List<Event> to = s.v4() ? v4 : v6;
                    to.add(new Event(s.lo(), i, true));
                    to.add(new Event(s.hi().add(BigInteger.ONE), i, false));
                }
                case SAMEHOST -> addEvents(env.sameHost(), i, v4, v6);
                case SAMENET -> addEvents(env.sameNet(), i, v4, v6);
                case HOSTNAME -> byName.add(l);
            }
        }
        Sweep s4 = new Sweep(lines, match, true);
        s4.run(v4);
        Sweep s6 = new Sweep(lines, match, false);
        s6.run(v6);
        Set<Integer> deciding = new TreeSet<>(s4.deciding);
        deciding.addAll(s6.deciding);
        List<HbaLine> d = deciding.stream().map(lines::get).toList();
        return new Result(set(s4.every, s6.every), set(s4.some, s6.some), d, List.copyOf(byName));
    }

    /** IPv4 pieces through {@link AddressSet#ofV4Ranges} (no InetAddress each), IPv6 ones one by one. */
    private static AddressSet set(List<Span> v4, List<Span> v6) {
        long[] lo = new long[v4.size()];
        long[] hi = new long[v4.size()];
        for (int i = 0; i < lo.length; i++) {
            lo[i] = v4.get(i).lo4();
            hi[i] = v4.get(i).hi4();
        }
        List<AddressSet> all = new ArrayList<>(v6.stream().map(Span::set).toList());
        all.add(AddressSet.ofV4Ranges(lo, hi));
        return AddressSet.unionAll(all);
    }

    private static void addEvents(AddressSet set, int line, List<Event> v4, List<Event> v6) {
        if (set.isAll()) {
            v4.add(new Event(BigInteger.ZERO, line, true));
            v4.add(new Event(V4_END, line, false));
            v6.add(new Event(BigInteger.ZERO, line, true));
            v6.add(new Event(V6_END, line, false));
            return;
        }
        for (String cidr : set.toCidrs()) {
            int slash = cidr.indexOf('/');
            InetAddress base = Addresses.literal(cidr.substring(0, slash));
            int bits = base.getAddress().length * 8;
            BigInteger lo = new BigInteger(1, base.getAddress());
            BigInteger size = BigInteger.ONE.shiftLeft(bits - Integer.parseInt(cidr.substring(slash + 1)));
            List<Event> to = bits == 32 ? v4 : v6;
            to.add(new Event(lo, line, true));
            to.add(new Event(lo.add(size), line, false));
        }
    }

    /** One family's sweep; segments come out in address order. */
    private static final class Sweep {
        final List<HbaLine> lines;
        final Tri[] match;
        final boolean ipv4;
        final TreeSet<Integer> catchAll = new TreeSet<>();
        final TreeSet<Integer> partialAllow = new TreeSet<>();
        final TreeSet<Integer> partialReject = new TreeSet<>();
        final Set<Integer> deciding = new LinkedHashSet<>();
        final List<Span> every = new ArrayList<>();
        final List<Span> some = new ArrayList<>();
        final int[] depth;

        Sweep(List<HbaLine> lines, Tri[] match, boolean ipv4) {
            this.lines = lines;
            this.match = match;
            this.ipv4 = ipv4;
            this.depth = new int[lines.size()];
        }

        void run(List<Event> events) {
            events.sort((a, b) -> a.at.compareTo(b.at));
            int i = 0;
            while (i < events.size()) {
                BigInteger at = events.get(i).at;
                while (i < events.size() && events.get(i).at.equals(at)) {
                    apply(events.get(i++));
                }
                if (i < events.size()) {
                    segment(at, events.get(i).at.subtract(BigInteger.ONE));
                }
            }
        }

        private void apply(Event e) {
            int d = depth[e.line] += e.start ? 1 : -1;
            if (d > 1 || (d == 1 && !e.start)) {
                return; // still covered by another block of the same line
            }
            TreeSet<Integer> set =
                    match[e.line] == Tri.YES ? catchAll : lines.get(e.line).rejects() ? partialReject : partialAllow;
            if (e.start) {
                set.add(e.line);
            } else {
                set.remove(e.line);
            }
        }

        private void segment(BigInteger lo, BigInteger hi) {
            int c = catchAll.isEmpty() ? Integer.MAX_VALUE : catchAll.first();
            boolean allowBefore = !partialAllow.isEmpty() && partialAllow.first() < c;
            boolean rejectBefore = !partialReject.isEmpty() && partialReject.first() < c;
            boolean catchLets = c != Integer.MAX_VALUE && !lines.get(c).rejects();
            if (c != Integer.MAX_VALUE) {
                deciding.add(c);
            }
            if (allowBefore) {
                deciding.add(partialAllow.first());
            }
            if (rejectBefore) {
                deciding.add(partialReject.first());
            }
            if (catchLets && !rejectBefore) {
                every.add(range(lo, hi));
            } else if (catchLets || allowBefore) {
                some.add(range(lo, hi));
            }
        }

        private Span range(BigInteger lo, BigInteger hi) {
            return Span.of(ipv4, lo, hi);
        }
    }
}
