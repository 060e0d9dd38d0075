package io.portdoc.checks.config.sshd;

import java.util.List;

/** An sshd_config with its Includes expanded in reading order: directives, files read, problems. */
public record SshdConfig(String file, List<Line> lines, List<String> files, List<Problem> problems) {
    public SshdConfig {
        lines = List.copyOf(lines);
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    public List<Line> global(String keyword) {
        return lines.stream()
                .filter(l -> l.block() == null && l.keyword().equals(keyword))
                .toList();
    }

    public List<MatchBlock> blocks() {
        return lines.stream().map(Line::block).filter(b -> b != null).distinct().toList();
    }
}
