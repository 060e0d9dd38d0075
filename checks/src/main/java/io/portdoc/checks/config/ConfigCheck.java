package io.portdoc.checks.config;

import io.portdoc.checks.facts.Daemon;
import io.portdoc.checks.facts.NatTranslation;
import io.portdoc.core.Check;
import io.portdoc.core.CheckContext;
import io.portdoc.core.CheckInfo;
import io.portdoc.core.Evidence;
import io.portdoc.core.Messages;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import io.portdoc.core.host.SystemView;
import io.portdoc.core.profile.ServiceProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Step 2 of the seed's checklist: does the daemon's own configuration block the client? Picks the
 * {@link ConfigJudge} for the service (Apache, CUPS, or an engine found through ServiceLoader)
 * and hands it the daemon instance of this diagnosis ({@link Daemon#main()}): for
 * {@code --client} a PASS/FAIL with the deciding lines, otherwise who is let in.
 */
@CheckInfo(id = "config", order = 20, title = "title")
public final class ConfigCheck implements Check {
    static final Messages MSG = Messages.of(ConfigCheck.class);

    /** Lines only an Apache configuration has: --config with an unknown service name is read as Apache then. */
    private static final Pattern APACHE_SYNTAX =
            Pattern.compile("(?im)^\\s*(ServerRoot|LoadModule|DocumentRoot|<VirtualHost|<Directory)\\b");

    /** Every judge on the class path, Apache's and CUPS's among them, found once. */
    private static final List<ConfigJudge> JUDGES =
            ServiceLoader.load(ConfigJudge.class, ConfigCheck.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get)
                    .toList();

    @Override
    public Outcome run(CheckContext ctx) {
        Target t = ctx.target();
        Optional<ConfigJudge> judge = judge(t).or(() -> sniff(t, ctx.system()));
        if (judge.isEmpty()) {
            return Outcome.of(
                            Verdict.SKIP,
                            MSG.msg(
                                    "skip.not.applicable",
                                    t.service() == null ? t.profile().name() : t.service()))
                    .build();
        }
        NatTranslation nat = NatTranslation.of(ctx);
        if (nat.kind() != NatTranslation.Kind.LOCAL || nat.port() == t.port()) {
            return judge.get()
                    .judge(new ConfigRequest(ctx.system(), t, Daemon.of(ctx).mainProcess()));
        }
        // a local redirect: the daemon serves the port the packet is sent to, so its config is judged for that one
        Outcome o = judge.get()
                .judge(new ConfigRequest(
                        ctx.system(), t.withPort(nat.port()), Daemon.of(ctx).mainProcess()));
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.of("nat", nat.rule()));
        evidence.addAll(o.evidence());
        return new Outcome(
                o.verdict(),
                MSG.msg(
                        "nat.local",
                        t.port(),
                        nat.port(),
                        nat.rule(),
                        o.summary().text()),
                evidence,
                o.hints());
    }

    /** The judge the profile's config.format names, else one whose programs match the service's names. */
    static Optional<ConfigJudge> judge(Target t) {
        ServiceProfile.ConfigSpec spec = t.profile().config();
        if (spec != null && spec.format() != null) {
            String f = spec.format().toLowerCase(Locale.ROOT);
            return JUDGES.stream().filter(j -> j.format().equals(f)).findFirst();
        }
        List<String> names = new ArrayList<>(t.profile().processes());
        if (t.service() != null) {
            names.add(t.service());
        }
        if (t.profile().name() != null) {
            names.add(t.profile().name());
        }
        for (String n : names) {
            String l = n.toLowerCase(Locale.ROOT);
            Optional<ConfigJudge> j =
                    JUDGES.stream().filter(x -> x.programs().contains(l)).findFirst();
            if (j.isPresent()) {
                return j;
            }
        }
        return Optional.empty();
    }

    /** A --config file for a service no judge knows by name: cupsd.conf, or a file in Apache's syntax. */
    private static Optional<ConfigJudge> sniff(Target t, SystemView system) {
        if (t.configFile() == null) {
            return Optional.empty();
        }
        Path name = t.configFile().getFileName();
        String format = name != null && name.toString().equals("cupsd.conf")
                ? "cups"
                : APACHE_SYNTAX.matcher(system.readFileOrEmpty(t.configFile())).find() ? "apache" : null;
        return JUDGES.stream().filter(j -> j.format().equals(format)).findFirst();
    }
}
