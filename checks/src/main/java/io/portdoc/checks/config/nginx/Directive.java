package io.portdoc.checks.config.nginx;

import java.util.Collections;
import java.util.List;

/**
 * One nginx directive: its name, arguments (quotes removed) and, for a block directive
 * ({@code server { ... }}), the directives inside; {@code block} is null for a simple one.
 * {@code where} is the line of its name, {@code endLine} the line of its {@code ;} or <code>{</code>,
 * where nginx's own messages point.
 */
public record Directive(String name, List<String> args, Where where, int endLine, List<Directive> block) {
    public Directive {
        args = List.copyOf(args);
        // a view, not a copy: the reader fills a block while it reads it, so a read that stops
        // half-way still leaves the directives before the error in the tree
        block = block == null ? null : Collections.unmodifiableList(block);
    }

    public String arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    /** The directive as written, without its block ({@code allow 10.0.0.0/24;}). */
    public String text() {
        StringBuilder s = new StringBuilder(name);
        for (String a : args) {
            s.append(' ').append(a.isEmpty() || a.chars().anyMatch(Character::isWhitespace) ? "\"" + a + "\"" : a);
        }
        return s.append(block == null ? ";" : " {").toString();
    }

    /** Where nginx reports problems with this directive: the line of its terminator. */
    public Where end() {
        return new Where(where.file(), endLine);
    }

    public List<Directive> children() {
        return block == null ? List.of() : block;
    }
}
