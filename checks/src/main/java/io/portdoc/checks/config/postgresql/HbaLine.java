package io.portdoc.checks.config.postgresql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One rule of pg_hba.conf: type, database and user lists (after {@code @file} expansion),
 * the address (null for {@code local}), the authentication method. {@code reject} denies.
 */
public record HbaLine(
        Loc loc,
        String text,
        ConnType type,
        List<Token> databases,
        List<Token> users,
        HbaAddress address,
        String method) {
    public boolean rejects() {
        return method.equals("reject");
    }

    public boolean allLogins() {
        return databases.stream().anyMatch(t -> t.is("all")) && users.stream().anyMatch(t -> t.is("all"));
    }

    public String databaseText() {
        return databases.stream().map(Token::toString).collect(Collectors.joining(","));
    }

    public String userText() {
        return users.stream().map(Token::toString).collect(Collectors.joining(","));
    }
}
