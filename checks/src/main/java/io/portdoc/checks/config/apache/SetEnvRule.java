package io.portdoc.checks.config.apache;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A mod_setenvif line ({@code SetEnvIf Remote_Addr "^10\." ok}, {@code BrowserMatch ...}).
 * Only a Remote_Addr test can be decided from the client address; others depend on the request.
 */
public record SetEnvRule(String attribute, Pattern regex, List<String> assignments, Directive dir) {
    public SetEnvRule {
        assignments = List.copyOf(assignments);
    }

    public boolean byAddress() {
        return attribute.equalsIgnoreCase("Remote_Addr");
    }

    /** The effect on {@code variable}: TRUE sets, FALSE unsets, null leaves it alone. */
    public Boolean effectOn(String variable) {
        Boolean out = null;
        for (String a : assignments) {
            boolean unset = a.startsWith("!");
            String name = unset ? a.substring(1) : a;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                name = name.substring(0, eq);
            }
            if (name.equals(variable)) {
                out = !unset;
            }
        }
        return out;
    }
}
