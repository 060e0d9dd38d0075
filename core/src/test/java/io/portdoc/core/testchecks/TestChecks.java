package io.portdoc.core.testchecks;

import io.portdoc.core.Check;
import io.portdoc.core.CheckContext;
import io.portdoc.core.CheckInfo;
import io.portdoc.core.Messages;
import io.portdoc.core.Outcome;
import io.portdoc.core.Verdict;

/** Tiny checks for pipeline tests. */
public final class TestChecks {
    private static final Messages MSG = Messages.of(TestChecks.class);

    private TestChecks() {}

    @CheckInfo(id = "daemon", order = 10, title = "daemon.title")
    public static final class Daemon implements Check {
        public final Verdict verdict;

        public Daemon(Verdict verdict) {
            this.verdict = verdict;
        }

        @Override
        public Outcome run(CheckContext c) {
            c.share(Long.class, 42L);
            return Outcome.of(verdict, MSG.msg("said", verdict))
                    .hint(MSG.msg("hint.daemon"))
                    .build();
        }
    }

    @CheckInfo(id = "listening", order = 30, title = "listening.title")
    public static final class Listening implements Check {
        @Override
        public Outcome run(CheckContext c) {
            // proves facts and earlier results reach later steps
            Verdict v =
                    c.fact(Long.class).orElse(0L) == 42L && c.previous("daemon").isPresent()
                            ? Verdict.FAIL
                            : Verdict.PASS;
            return Outcome.of(v, MSG.msg("said", v))
                    .hint(MSG.msg("hint.listening"))
                    .build();
        }
    }

    @CheckInfo(id = "probe", order = 50, title = "probe.title")
    public static final class Crashing implements Check {
        @Override
        public Outcome run(CheckContext c) {
            throw new IllegalStateException("boom");
        }
    }

    @CheckInfo(id = "tls", order = 60, title = "tls.title")
    public static final class Plugin implements Check {
        @Override
        public Outcome run(CheckContext c) {
            return Outcome.of(Verdict.WARN, MSG.msg("said", "WARN")).build();
        }
    }

    /** A plugin step placed between two built-in ones by its order alone. */
    @CheckInfo(id = "dns", order = 25, title = "dns.title")
    public static final class Between implements Check {
        @Override
        public Outcome run(CheckContext c) {
            return Outcome.of(Verdict.PASS, MSG.msg("said", "PASS")).build();
        }
    }

    /** A built-in step whose check declares another place in the checklist: the annotation decides. */
    @CheckInfo(id = "probe", order = 5, title = "probe.title")
    public static final class ProbeFirst implements Check {
        @Override
        public Outcome run(CheckContext c) {
            return Outcome.of(Verdict.PASS, MSG.msg("said", "PASS")).build();
        }
    }

    /** Reads in prepare() (before any step) what a later step will use; a failing prepare is ignored. */
    @CheckInfo(id = "firewall", order = 40, title = "daemon.title")
    public static final class Preparing implements Check {
        private final boolean failInPrepare;

        public Preparing(boolean failInPrepare) {
            this.failInPrepare = failInPrepare;
        }

        @Override
        public void prepare(CheckContext c) {
            if (failInPrepare) {
                throw new IllegalStateException("no head start");
            }
            c.share(Integer.class, 7);
        }

        @Override
        public Outcome run(CheckContext c) {
            return Outcome.of(Verdict.PASS, MSG.msg("said", "PASS")).build();
        }
    }

    /** PASS only when a prepare() ran before this first step. */
    @CheckInfo(id = "daemon", order = 10, title = "daemon.title")
    public static final class SeesPrepared implements Check {
        @Override
        public Outcome run(CheckContext c) {
            Verdict v = c.fact(Integer.class).isPresent() ? Verdict.PASS : Verdict.FAIL;
            return Outcome.of(v, MSG.msg("said", v)).build();
        }
    }
}
