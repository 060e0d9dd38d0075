package io.portdoc.checks.config.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The options that decide who reaches the server, as it ends up with them: of the groups it reads
 * (see {@link ServerVersion#groups}) the last value of each option wins, and the command line
 * comes after every file. Options of other groups ({@code [client]}, {@code [mysqldump]}) are not
 * the server's.
 */
final class MySettings {
    private final List<MyOption> effective;

    private MySettings(List<MyOption> effective) {
        this.effective = effective;
    }

    static MySettings of(List<MyOption> fromFiles, List<MyOption> commandLine, List<String> groups) {
        Set<String> read = Set.copyOf(groups);
        List<MyOption> all = new ArrayList<>(
                fromFiles.stream().filter(o -> read.contains(o.group())).toList());
        all.addAll(commandLine);
        return new MySettings(List.copyOf(all));
    }

    /** The option that sets {@code name} last. */
    Optional<MyOption> last(String name) {
        for (int i = effective.size() - 1; i >= 0; i--) {
            if (effective.get(i).name().equals(name)) {
                return Optional.of(effective.get(i));
            }
        }
        return Optional.empty();
    }

    /** A boolean option that is set and on. */
    Optional<MyOption> on(String name) {
        return last(name).filter(MyOption::on);
    }

    int size() {
        return effective.size();
    }
}
