package io.portdoc.core;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the step results into one paragraph a helpdesk agent can act on: the first broken
 * link, its evidence in one sentence and the fix, then what else is FAIL, WARN or UNKNOWN. Wording is
 * deterministic: the same results give the same paragraph, word for word.
 */
public final class Conclusions {
    private static final Messages MSG = Messages.of(Conclusions.class);
    /** Longest evidence quoted in the paragraph; the report carries the whole line. */
    static final int MAX_EVIDENCE = 160;
    /** A file:line citation such as /etc/apache2/vhosts.d/intranet.conf:6. */
    private static final Pattern LOCATION = Pattern.compile("/\\S+:\\d+");
    /** Addresses that are not reachable from the internet without the router (NAT). */
    private static final AddressSet PRIVATE = AddressSet.parseCidr("10.0.0.0/8")
            .union(AddressSet.parseCidr("172.16.0.0/12"))
            .union(AddressSet.parseCidr("192.168.0.0/16"))
            .union(AddressSet.parseCidr("100.64.0.0/10"))
            .union(AddressSet.parseCidr("fc00::/7"));

    private static final AddressSet NOT_ROUTED = AddressSet.parseCidr("127.0.0.0/8")
            .union(AddressSet.parseCidr("::1/128"))
            .union(AddressSet.parseCidr("169.254.0.0/16"))
            .union(AddressSet.parseCidr("fe80::/10"));

    private Conclusions() {}

    /** The conclusion without knowledge of the target or the host (no router hint). */
    public static Conclusion conclude(List<StepResult> steps) {
        return conclude(steps, null, List.of());
    }

    /**
     * The conclusion for {@code target} on a host with these interface addresses. When the
     * service should be reached from the internet (exposure public, or a public --client) but
     * every address of this host is private, the router's port forwarding is part of the path
     * (the seed's last step) and gets a hint of its own.
     */
    public static Conclusion conclude(List<StepResult> steps, Target target, List<InetAddress> localAddresses) {
        Verdict overall = Verdict.PASS;
        StepResult blocking = null;
        for (StepResult s : steps) {
            overall = overall.worse(s.verdict());
            if (blocking == null && s.verdict() == Verdict.FAIL) {
                blocking = s;
            }
        }
        Msg router = routerHint(target, localAddresses);
        List<Msg> hints = new ArrayList<>();
        Msg summary;
        if (blocking != null) {
            summary = MSG.msg(
                    "conclusion.fail",
                    blocking.id(),
                    blocking.title(),
                    sentence(blocking.summary().text()),
                    evidence(blocking),
                    fix(blocking),
                    also(steps, blocking));
            hints.addAll(blocking.hints());
        } else if (overall == Verdict.UNKNOWN || overall == Verdict.WARN) {
            StepResult first = steps.stream()
                    .filter(s -> s.verdict() == Verdict.UNKNOWN)
                    .findFirst()
                    .orElseGet(() -> steps.stream()
                            .filter(s -> s.verdict() == Verdict.WARN)
                            .findFirst()
                            .orElseThrow());
            summary = MSG.msg(
                    overall == Verdict.UNKNOWN ? "conclusion.unknown" : "conclusion.warn",
                    first.id(),
                    first.title(),
                    sentence(first.summary().text()),
                    evidence(first),
                    fix(first),
                    also(steps, first));
            hints.addAll(first.hints());
            steps.stream()
                    .filter(s -> s != first && (s.verdict() == Verdict.UNKNOWN || s.verdict() == Verdict.WARN))
                    .forEach(s -> hints.addAll(s.hints()));
        } else {
            List<String> skipped = steps.stream()
                    .filter(s -> s.verdict() == Verdict.SKIP)
                    .map(StepResult::id)
                    .toList();
            String routerNote = router == null
                    ? ""
                    : " " + MSG.msg("conclusion.router.note").text();
            summary = skipped.isEmpty()
                    ? MSG.msg("conclusion.pass", routerNote)
                    : skipped.size() == steps.size()
                            ? MSG.msg("conclusion.nothing")
                            : MSG.msg("conclusion.pass.skipped", String.join(", ", skipped), routerNote);
        }
        if (router != null) {
            hints.add(router);
        }
        return new Conclusion(
                overall == Verdict.SKIP ? Verdict.PASS : overall,
                blocking == null ? null : blocking.id(),
                summary,
                hints.stream().distinct().toList());
    }

    /**
     * " Evidence: LINE (file:line)." or "". Checks list evidence in the order they gathered it,
     * so the first line is not always the telling one: a summary that already cites a file:line
     * needs no more; otherwise the first evidence from a file; otherwise a step's only evidence.
     */
    static String evidence(StepResult s) {
        if (LOCATION.matcher(s.summary().text()).find()) {
            return "";
        }
        Evidence e = s.evidence().stream()
                .filter(x -> x.location() != null)
                .findFirst()
                .orElse(s.evidence().size() == 1 ? s.evidence().get(0) : null);
        if (e == null) {
            return "";
        }
        String text = e.text().strip().lines().findFirst().orElse("").strip();
        if (text.length() > MAX_EVIDENCE) {
            text = text.substring(0, MAX_EVIDENCE - 3) + "...";
        }
        String where = e.location() != null ? e.location() : e.source();
        return " " + MSG.msg("conclusion.evidence", text, where).text();
    }

    /** " Fix: HINT." from the step's first hint, or "" when it has none. */
    static String fix(StepResult s) {
        return s.hints().isEmpty()
                ? ""
                : " "
                        + MSG.msg("conclusion.fix", sentence(s.hints().get(0).text()))
                                .text();
    }

    /** " Also: firewall FAIL (summary), probe UNKNOWN (summary)." for the other steps that are not fine. */
    static String also(List<StepResult> steps, StepResult main) {
        List<String> others = steps.stream()
                .filter(s -> s != main)
                .filter(s ->
                        s.verdict() == Verdict.FAIL || s.verdict() == Verdict.WARN || s.verdict() == Verdict.UNKNOWN)
                .map(s ->
                        s.id() + " " + s.verdict() + " (" + sentence(s.summary().text()) + ")")
                .toList();
        return others.isEmpty()
                ? ""
                : " " + MSG.msg("conclusion.also", String.join(", ", others)).text();
    }

    /** Without a final period: the templates add exactly one. */
    static String sentence(String text) {
        String t = text.strip();
        while (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    static Msg routerHint(Target target, List<InetAddress> localAddresses) {
        if (target == null) {
            return null;
        }
        boolean publicClient = target.client() != null && isPublic(target.client());
        if (target.exposure() != Exposure.PUBLIC && !publicClient) {
            return null;
        }
        List<InetAddress> routed = localAddresses.stream()
                .map(Addresses::unmap)
                .filter(a -> !NOT_ROUTED.contains(a))
                .toList();
        if (routed.isEmpty() || routed.stream().anyMatch(Conclusions::isPublic)) {
            return null;
        }
        InetAddress first = routed.stream()
                .filter(a -> a.getAddress().length == 4)
                .findFirst()
                .orElse(routed.get(0));
        return MSG.msg(
                publicClient ? "conclusion.hint.router.client" : "conclusion.hint.router",
                Addresses.text(first),
                target.port(),
                target.protocol(),
                publicClient ? Addresses.text(target.client()) : "");
    }

    static boolean isPublic(InetAddress a) {
        InetAddress u = Addresses.unmap(a);
        return !PRIVATE.contains(u) && !NOT_ROUTED.contains(u) && !u.isMulticastAddress() && !u.isAnyLocalAddress();
    }
}
