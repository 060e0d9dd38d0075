package io.portdoc.checks.config.apache;

import java.util.List;
import java.util.Locale;

/**
 * One directive as Apache read it, after variables were substituted and conditionals and
 * includes resolved. A section ({@code <Directory /x>}) has {@code children} (possibly empty);
 * a plain directive has null. {@code name} is as written, without the angle bracket.
 */
public record Directive(String name, List<String> args, String argText, Loc loc, List<Directive> children, String key) {
    public Directive {
        args = List.copyOf(args);
        children = children == null ? null : List.copyOf(children);
        key = name.toLowerCase(Locale.ROOT);
    }

    public Directive(String name, List<String> args, String argText, Loc loc, List<Directive> children) {
        this(name, args, argText, loc, children, null);
    }

    public boolean is(String n) {
        return name.equalsIgnoreCase(n);
    }

    public boolean isSection() {
        return children != null;
    }

    /** The name in lower case (directive names are case-insensitive). */
    public String lower() {
        return key;
    }

    public String arg(int i) {
        return i < args.size() ? args.get(i) : "";
    }

    /** The line as a reader would quote it: {@code Allow from 10.0.0} or {@code <Directory /var/www>}. */
    public String text() {
        String body = argText.isEmpty() ? name : name + " " + argText;
        return isSection() ? "<" + body + ">" : body;
    }
}
