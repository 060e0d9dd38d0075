package io.portdoc.checks.config.sshd;

import java.util.List;

/**
 * One sshd_config directive: its keyword in lower case (sshd ignores case), its arguments, where
 * it is, the line as written, and the Match block it belongs to ({@code null} at global level).
 */
public record Line(String keyword, List<String> args, String file, int line, String text, MatchBlock block) {
    public Line {
        args = List.copyOf(args);
    }

    public String loc() {
        return file + ":" + line;
    }
}
