package io.portdoc.checks.config.postgresql;

import io.portdoc.core.DbLogin;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * PostgreSQL's check_hba (hba.c): the first line whose connection type, database, user and
 * address all match decides; {@code reject} denies; when none matches the client gets "no
 * pg_hba.conf entry for host". With the login not (fully) known, a line that matches only
 * some logins is collected and the walk goes on to the first line that matches them all.
 */
public final class HbaEvaluator {
    private final HbaEnv env;

    public HbaEvaluator(HbaEnv env) {
        this.env = env;
    }

    /**
     * For a client: the lines that match it for some logins only, in order, then the first line
     * matching every login left (null when none: those logins get no entry).
     */
    public record ClientDecision(List<HbaLine> partial, HbaLine decisive, boolean dns) {}

    public ClientDecision forClient(List<HbaLine> lines, InetAddress client, DbLogin login) {
        List<HbaLine> partial = new ArrayList<>();
        boolean dns = false;
        Span.Client key = Span.Client.of(client);
        for (HbaLine l : lines) {
            Tri t = l.type() == ConnType.LOCAL
                    ? Tri.NO
                    : l.type().matchesTcp(env.ssl()).and(login(l, login));
            if (t == Tri.NO) {
                continue;
            }
            if (l.address().kind() == HbaAddress.Kind.HOSTNAME) {
                dns = true;
            }
            t = t.and(address(l.address(), client, key));
            if (t == Tri.YES) {
                return new ClientDecision(List.copyOf(partial), l, dns);
            }
            if (t == Tri.SOME) {
                partial.add(l);
            }
        }
        return new ClientDecision(List.copyOf(partial), null, dns);
    }

    /** Database and user columns together for this login. */
    public Tri login(HbaLine l, DbLogin login) {
        return database(l.databases(), login).and(user(l.users(), login));
    }

    /** hba.c check_db for an ordinary (not replication) connection: any token of the list may match. */
    Tri database(List<Token> tokens, DbLogin login) {
        Tri r = Tri.NO;
        String db = login.database();
        String user = login.user();
        for (Token t : tokens) {
            Tri m;
            if (t.is("all")) {
                m = Tri.YES;
            } else if (t.is("replication")) {
                m = Tri.NO; // only physical replication connections, never a client session
            } else if (t.is("sameuser")) {
                m = db == null || user == null ? Tri.SOME : Tri.of(db.equals(user));
            } else if (t.is("samerole") || t.is("samegroup")) {
                // membership in the role named like the database is in the catalog; a role is a member of itself
                m = db != null && db.equals(user) ? Tri.YES : Tri.SOME;
            } else {
                m = db == null ? Tri.SOME : name(t, db);
            }
            r = r.or(m);
        }
        return r;
    }

    /** hba.c check_role: {@code +role} is membership (in the catalog, so SOME unless it is the user itself). */
    Tri user(List<Token> tokens, DbLogin login) {
        Tri r = Tri.NO;
        String user = login.user();
        for (Token t : tokens) {
            Tri m;
            if (t.is("all")) {
                m = Tri.YES;
            } else if (!t.quoted() && t.value().startsWith("+")) {
                m = user != null && user.equals(t.value().substring(1)) ? Tri.YES : Tri.SOME;
            } else {
                m = user == null ? Tri.SOME : name(t, user);
            }
            r = r.or(m);
        }
        return r;
    }

    private Tri name(Token t, String actual) {
        if (t.regex() && env.regexes()) {
            try {
                return Tri.of(
                        Pattern.compile(t.value().substring(1)).matcher(actual).find());
            } catch (PatternSyntaxException e) {
                return Tri.NO; // PostgreSQL refuses the file at load time; the reader reports it
            }
        }
        return Tri.of(t.value().equals(actual));
    }

    /** The address column for a TCP client. */
    Tri address(HbaAddress a, InetAddress client, Span.Client key) {
        return switch (a.kind()) {
            case ALL -> Tri.YES;
            case SAMEHOST -> Tri.of(env.sameHost().contains(client));
            case SAMENET -> Tri.of(env.sameNet().contains(client));
            case BLOCK -> Tri.of(a.span().contains(key));
            case HOSTNAME -> Tri.of(env.hostnameMatches(a.text(), client));
        };
    }
}
