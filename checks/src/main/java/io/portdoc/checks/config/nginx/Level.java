package io.portdoc.checks.config.nginx;

import java.util.ArrayList;
import java.util.List;

/**
 * What one level ({@code http}, {@code server}, {@code location}, {@code limit_except}, or
 * {@code stream} / its {@code server}) says about access: its own {@code allow} / {@code deny}
 * lines in order, {@code satisfy}, {@code auth_basic}, {@code auth_request}, and the answers
 * decided before the access phase ({@code return}, an {@code if} that returns) that portdoc does
 * not evaluate.
 */
public final class Level {
    final Directive dir;
    final List<AccessRule> rules = new ArrayList<>();
    final List<Directive> answers = new ArrayList<>();
    Directive satisfy;
    Directive authBasic;
    Directive authRequest;

    Level(Directive dir) {
        this.dir = dir;
    }

    public Directive dir() {
        return dir;
    }

    public List<AccessRule> rules() {
        return rules;
    }

    /** {@code return} lines and {@code if} blocks that answer before the access rules are checked. */
    public List<Directive> answers() {
        return answers;
    }
}
