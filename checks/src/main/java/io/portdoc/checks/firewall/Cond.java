package io.portdoc.checks.firewall;

/** One condition of a rule. {@code text} names it for "depends on ..." warnings. */
interface Cond {
    MatchResult test(Packet p);

    String text();
}
