package io.portdoc.checks.config.apache;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code <Directory>}, {@code <Files>} or {@code <Location>} section (or its Match / {@code ~}
 * form, then {@code regex} is set). {@code pattern} of a non-regex Directory ends in a slash,
 * as Apache stores it; {@code components} is its number of slashes ({@code /} counts 0).
 * {@code files} are the Files sections nested in a Directory.
 */
public record Section(
        Kind kind,
        String pattern,
        Pattern regex,
        int components,
        DirConf conf,
        List<Section> files,
        String allowOverride,
        Directive dir,
        int index) {
    public enum Kind {
        DIRECTORY,
        FILES,
        LOCATION
    }

    public Section {
        files = List.copyOf(files);
    }
}
