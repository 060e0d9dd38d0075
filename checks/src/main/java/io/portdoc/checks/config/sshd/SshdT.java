package io.portdoc.checks.config.sshd;

import io.portdoc.core.host.CommandResult;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.net.Addresses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sshd's own evaluation: {@code sshd -T -f CONFIG -C addr=...,user=...,host=...,lport=...} prints
 * the settings for that connection after its Match blocks (read-only: it only parses and exits).
 * Needs root in practice (it loads the host keys) and the privilege-separation directory; when it
 * cannot run, {@link #failure} says why and the caller reads the files itself. A config sshd
 * refuses ("Bad configuration option") is {@link #refused}, in sshd's own words.
 */
final class SshdT implements Evaluator {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** "FILE line N: ..." or "FILE: line N: ...": where sshd says it stopped. */
    private static final Pattern WHERE = Pattern.compile("^(/\\S+?):? line (\\d+): (.*)$");

    private final SystemView system;
    private final String binary;
    private final String file;
    private final SshdConfig config;
    private final Map<Conn, Settings> cache = new HashMap<>();
    private CommandResult last;

    SshdT(SystemView system, String binary, String file, SshdConfig config) {
        this.system = system;
        this.binary = binary;
        this.file = file;
        this.config = config;
    }

    String binary() {
        return binary;
    }

    List<String> argv(Conn c) {
        List<String> spec = new ArrayList<>();
        if (c.addr() != null) {
            spec.add("addr=" + Addresses.text(c.addr()));
        }
        if (c.user() != null) {
            spec.add("user=" + c.user());
        }
        if (c.host() != null) {
            spec.add("host=" + c.host());
        }
        if (c.laddr() != null) {
            spec.add("laddr=" + Addresses.text(c.laddr()));
        }
        if (c.lport() > 0) {
            spec.add("lport=" + c.lport());
        }
        List<String> argv = new ArrayList<>(List.of(binary, "-T", "-f", file));
        if (!spec.isEmpty()) {
            argv.add("-C");
            argv.add(String.join(",", spec));
        }
        return argv;
    }

    /** Runs sshd -T for {@code c}; null when it did not give settings ({@link #last()} says why). */
    Settings tryRun(Conn c) {
        Settings cached = cache.get(c);
        if (cached != null) {
            return cached;
        }
        last = system.run(argv(c), TIMEOUT);
        if (!last.ok() || last.stdout().isBlank()) {
            return null;
        }
        Settings s = parse(last.stdout());
        cache.put(c, s);
        return s;
    }

    CommandResult last() {
        return last;
    }

    @Override
    public Settings settings(Conn c) {
        Settings s = tryRun(c);
        if (s == null) {
            throw new IllegalStateException("sshd -T stopped answering: " + failure(last));
        }
        return s;
    }

    /** sshd's complaints about the config itself, with file:line when it gave one; empty when it is not that. */
    static List<Problem> refused(CommandResult r) {
        List<Problem> out = new ArrayList<>();
        if (r.notFound() || r.timedOut() || r.exitCode() == 0) {
            return out;
        }
        for (String line : r.stderr().split("\n")) {
            String l = line.strip();
            Matcher m = WHERE.matcher(l);
            if (m.matches()) {
                out.add(new Problem(Problem.Kind.INVALID, m.group(1) + ":" + m.group(2), m.group(3)));
            } else if (l.contains("Bad configuration option")
                    || l.contains("bad configuration options")
                    || l.contains("not allowed within a Match block")
                    || l.contains("Unsupported Match attribute")) {
                out.add(new Problem(Problem.Kind.INVALID, null, l));
            }
        }
        return out.stream().anyMatch(p -> p.loc() != null)
                ? out.stream().filter(p -> p.loc() != null).toList()
                : out;
    }

    /** One line saying why sshd -T gave no settings. */
    static String failure(CommandResult r) {
        if (r == null) {
            return "not run";
        }
        if (r.notFound()) {
            return r.argv().get(0) + " is not installed";
        }
        if (r.timedOut()) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        String err = r.stderr().strip();
        String first = err.isEmpty() ? "exit code " + r.exitCode() : err.split("\n")[0].strip();
        return first;
    }

    private Settings parse(String out) {
        List<Integer> ports = new ArrayList<>();
        List<Settings.Listen> listens = new ArrayList<>();
        String family = "any";
        boolean useDns = false;
        List<Rule> allowUsers = new ArrayList<>();
        List<Rule> denyUsers = new ArrayList<>();
        List<Rule> allowGroups = new ArrayList<>();
        List<Rule> denyGroups = new ArrayList<>();
        for (String raw : out.split("\n")) {
            String[] kv = raw.strip().split("\\s+", 2);
            if (kv.length < 2) {
                continue;
            }
            String v = kv[1].strip();
            switch (kv[0].toLowerCase(Locale.ROOT)) {
                case "port" -> ports.add(SshdModel.parsePort(v));
                case "listenaddress" -> listens.add(listen(v));
                case "addressfamily" -> family = v.toLowerCase(Locale.ROOT);
                case "usedns" -> useDns = v.equalsIgnoreCase("yes");
                case "allowusers" -> allowUsers.add(rule("AllowUsers", v));
                case "denyusers" -> denyUsers.add(rule("DenyUsers", v));
                case "allowgroups" -> allowGroups.add(rule("AllowGroups", v));
                case "denygroups" -> denyGroups.add(rule("DenyGroups", v));
                default -> {
                    // other settings do not decide who may connect
                }
            }
        }
        return new Settings(ports, listens, family, useDns, allowUsers, denyUsers, allowGroups, denyGroups, List.of());
    }

    /** {@code [::]:22}, {@code 0.0.0.0:22}, {@code 10.0.0.1:2222}; the line in the files where sshd found it. */
    private Settings.Listen listen(String v) {
        String host = v;
        int port = -1;
        int colon = v.lastIndexOf(':');
        if (colon > 0) {
            host = v.substring(0, colon);
            port = SshdModel.parsePort(v.substring(colon + 1));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String loc = null;
        for (Line l : config.global("listenaddress")) {
            if (!l.args().isEmpty() && l.args().get(0).replace("[", "").startsWith(host)) {
                loc = l.loc();
                break;
            }
        }
        return new Settings.Listen(host, port, loc);
    }

    /** sshd -T prints the values without their origin: the first directive with that entry is where it is. */
    private Rule rule(String keyword, String pattern) {
        String k = keyword.toLowerCase(Locale.ROOT);
        for (Line l : config.lines()) {
            if (l.keyword().equals(k) && l.args().contains(pattern)) {
                return new Rule(keyword, pattern, l.loc(), l.text());
            }
        }
        return new Rule(keyword, pattern, null, keyword + " " + pattern);
    }
}
