package io.portdoc.checks.config.redis;

import io.portdoc.checks.config.dbconf.ConfFiles;
import io.portdoc.checks.config.dbconf.Where;
import io.portdoc.core.host.SystemView;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether Redis's {@code default} user needs a password: protected mode turns on only when it
 * does not (networking.c {@code clientAcceptHandler}: {@code protected_mode && DefaultUser->flags
 * & USER_FLAG_NOPASS}). The default user starts as {@code on nopass}; {@code requirepass} sets or
 * (empty) clears its password; then the users are loaded (acl.c): from {@code aclfile} when set,
 * which replaces them (a file without a {@code user default} line leaves the default user without
 * a password, requirepass lost), else from the {@code user} lines, where {@code user default}
 * starts with {@code reset}. Rules: {@code nopass} sets the flag; {@code >pw}, {@code #hash},
 * {@code resetpass} and {@code reset} clear it. Other users' passwords do not matter.
 */
final class DefaultUser {
    /** {@code nopass}: the flag; {@code where}/{@code text}: the line that decided it (null: built in). */
    record Auth(boolean nopass, Where where, String text, String problem, boolean denied) {
        static Auth unknown(String problem, boolean denied) {
            return new Auth(true, null, null, problem, denied);
        }

        boolean known() {
            return problem == null;
        }
    }

    private DefaultUser() {}

    static Auth of(RedisConfig config, SystemView system) {
        Auth auth = new Auth(true, null, null, null, false);
        for (RedisLine l : config.all("requirepass")) {
            auth = new Auth(l.arg(0).isEmpty(), l.where(), l.text(), null, false);
        }
        Optional<RedisLine> aclfile = config.last("aclfile");
        if (aclfile.isPresent() && !aclfile.get().arg(0).isEmpty()) {
            return fromAclFile(aclfile.get(), system);
        }
        for (RedisLine l : config.all("user")) {
            if (l.arg(0).equals("default")) {
                auth = apply(l.args().subList(1, l.args().size()), l.where(), l.text());
            }
        }
        return auth;
    }

    private static Auth fromAclFile(RedisLine aclfile, SystemView system) {
        String path = aclfile.arg(0);
        ConfFiles.Read read = ConfFiles.read(system, path);
        if (!read.ok()) {
            return Auth.unknown(aclfile.where() + ": aclfile " + path + ": " + read.problem(), read.denied());
        }
        Auth auth = new Auth(true, aclfile.where(), aclfile.text() + " (no \"user default\" line)", null, false);
        String[] lines = read.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> w = RedisArgs.split(line);
            if (w != null
                    && w.size() > 1
                    && w.get(0).equalsIgnoreCase("user")
                    && w.get(1).equals("default")) {
                auth = apply(w.subList(2, w.size()), new Where(path, i + 1), line);
            }
        }
        return auth;
    }

    /** A {@code user default} line: starts from {@code reset} (no nopass), then its rules in order. */
    static Auth apply(List<String> rules, Where where, String text) {
        boolean nopass = false;
        for (String r : rules) {
            String rule = r.toLowerCase(Locale.ROOT);
            if (rule.equals("nopass")) {
                nopass = true;
            } else if (rule.equals("resetpass") || rule.equals("reset") || r.startsWith(">") || r.startsWith("#")) {
                nopass = false;
            }
        }
        return new Auth(nopass, where, text, null, false);
    }
}
