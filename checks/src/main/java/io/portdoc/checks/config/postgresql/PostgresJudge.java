package io.portdoc.checks.config.postgresql;

import io.portdoc.checks.config.ConfigJudge;
import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.core.Messages;
import io.portdoc.core.Outcome;
import io.portdoc.core.Verdict;
import java.util.Set;

/**
 * Step 2 for PostgreSQL: the settings the running postmaster reads (port, listen_addresses,
 * ssl, hba_file) and its pg_hba.conf, evaluated as hba.c does, for the client (and, when
 * given, the database login), or who gets in.
 */
public final class PostgresJudge implements ConfigJudge {
    static final Messages MSG = Messages.of(PostgresJudge.class);

    @Override
    public String format() {
        return "postgresql";
    }

    @Override
    public Set<String> programs() {
        return Set.of("postgres", "postgresql", "postmaster");
    }

    @Override
    public Outcome judge(ConfigRequest request) {
        try {
            return new PgEvaluation(request, request.target().dbLogin()).run();
        } catch (RuntimeException e) {
            // a defect must not cost the other steps: say what happened instead
            return Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.hostile", String.valueOf(e.getMessage())))
                    .build();
        }
    }
}
