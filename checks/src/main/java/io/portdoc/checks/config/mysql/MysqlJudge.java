package io.portdoc.checks.config.mysql;

import io.portdoc.checks.config.ConfigJudge;
import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.core.Messages;
import io.portdoc.core.Outcome;
import io.portdoc.core.Verdict;
import java.util.Set;

/**
 * Step 2 for MySQL and MariaDB: the option files the server reads, in its own order and groups,
 * and its {@code skip-networking}, {@code port} and {@code bind-address}. Who may log in from
 * where is in the database ({@code mysql.user}), which portdoc cannot read without credentials:
 * that part is a WARN with the query to run, and the error log's lines about the client.
 */
public final class MysqlJudge implements ConfigJudge {
    static final Messages MSG = Messages.of(MysqlJudge.class);

    @Override
    public String format() {
        return "mysql";
    }

    @Override
    public Set<String> programs() {
        return Set.of("mysqld", "mariadbd", "mysql", "mariadb");
    }

    @Override
    public Outcome judge(ConfigRequest request) {
        try {
            return MysqlVerdict.of(request);
        } catch (RuntimeException e) {
            // a judge never throws: an unforeseen input is reported, not propagated
            return Outcome.of(Verdict.UNKNOWN, MSG.msg("unknown.internal", String.valueOf(e.getMessage())))
                    .build();
        }
    }
}
