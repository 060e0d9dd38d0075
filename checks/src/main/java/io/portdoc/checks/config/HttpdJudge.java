package io.portdoc.checks.config;

import io.portdoc.core.Messages;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The judges of httpd-style access rules: Apache httpd 2.2/2.4 ({@link Apache}) and CUPS
 * ({@link Cups}, whose cupsd.conf uses the same Allow/Deny/Order and Require). Both find the
 * file the daemon instance reads ({@link ConfigLocator}) and evaluate it with {@link HttpdRules}.
 */
abstract class HttpdJudge implements ConfigJudge {
    private static final Messages MSG = ConfigCheck.MSG;
    private final String format;
    private final String product;
    private final boolean cups;

    HttpdJudge(String format, String product, boolean cups) {
        this.format = format;
        this.product = product;
        this.cups = cups;
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public Set<String> programs() {
        return Set.copyOf(cups ? Layout.CUPS_NAMES : Layout.APACHE_NAMES);
    }

    @Override
    public Outcome judge(ConfigRequest request) {
        Target t = request.target();
        Optional<ConfigLocator.Located> located = ConfigLocator.locate(request.system(), request.daemon(), t, cups);
        if (located.isEmpty()) {
            List<Layout> tried = cups ? List.of(Layout.CUPS) : List.of(Layout.DEBIAN, Layout.REDHAT, Layout.SUSE);
            return Outcome.of(
                            Verdict.UNKNOWN,
                            MSG.msg(
                                    "unknown.not.found",
                                    product,
                                    String.join(
                                            ", ",
                                            tried.stream()
                                                    .map(Layout::defaultFile)
                                                    .toList())))
                    .hint(MSG.msg("hint.not.found"))
                    .build();
        }
        HttpdRules rules = new HttpdRules(t, request.system(), located.get(), product);
        return cups ? rules.cups() : rules.apache();
    }

    /** Apache httpd 2.2 and 2.4. */
    public static final class Apache extends HttpdJudge {
        public Apache() {
            super("apache", "Apache", false);
        }
    }

    /** cupsd. */
    public static final class Cups extends HttpdJudge {
        public Cups() {
            super("cups", "CUPS", true);
        }
    }
}
