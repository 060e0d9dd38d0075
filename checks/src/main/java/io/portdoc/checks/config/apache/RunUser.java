package io.portdoc.checks.config.apache;

import io.portdoc.core.host.FileStat;
import io.portdoc.core.host.SystemView;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The user Apache's children run as (the {@code User} directive, Debian's
 * {@code APACHE_RUN_USER}): they read {@code .htaccess} files and decide {@code <IfFile>} there
 * with this user's permissions, not root's. Groups as unixd sets them: the {@code Group}
 * directive's gid plus the user's supplementary groups from /etc/group (initgroups).
 */
public record RunUser(String name, int uid, Set<Integer> gids) {
    public RunUser {
        gids = Set.copyOf(gids);
    }

    /** What open(2) of a file as this user would answer. */
    public enum Open {
        /** Readable regular file. */
        OK,
        /** ENOENT or ENOTDIR: Apache goes on as if there were no file. */
        ABSENT,
        /** EACCES: a directory on the way is not searchable or the file not readable. */
        DENIED,
        /** Opened, but a directory, device or pipe: httpd's pcfg_openfile refuses it (EBADF). */
        NOT_REGULAR,
        /** This host cannot tell owners and modes. */
        UNKNOWN
    }

    /**
     * {@code user} as named in the configuration ({@code www-data} or {@code #33}); {@code group}
     * null: the user's own login group (a process started as that user).
     */
    public static Optional<RunUser> resolve(SystemView system, String user, String group) {
        if (user == null || user.isBlank()) {
            return Optional.empty();
        }
        List<String[]> passwd = table(system, "/etc/passwd");
        List<String[]> groups = table(system, "/etc/group");
        String name = null;
        Integer uid = null;
        String primary = null;
        for (String[] f : passwd) {
            if (f.length >= 4 && (f[0].equals(user) || user.equals("#" + f[2]))) {
                name = f[0];
                uid = parse(f[2]);
                primary = f[3];
                break;
            }
        }
        if (uid == null && user.startsWith("#")) {
            uid = parse(user.substring(1));
            name = user;
        }
        if (uid == null) {
            return Optional.empty();
        }
        Set<Integer> gids = new LinkedHashSet<>();
        if (group == null && primary != null) {
            addGid(gids, primary); // a process started as this user keeps its login group
        }
        if (group != null) {
            for (String[] f : groups) {
                if (f.length >= 3 && (f[0].equals(group) || group.equals("#" + f[2]))) {
                    addGid(gids, f[2]);
                }
            }
            if (group.startsWith("#")) {
                addGid(gids, group.substring(1));
            }
        }
        for (String[] f : groups) {
            if (f.length >= 4 && List.of(f[3].split(",")).contains(name)) {
                addGid(gids, f[2]);
            }
        }
        return Optional.of(new RunUser(name, uid, gids));
    }

    private static void addGid(Set<Integer> gids, String text) {
        Integer g = parse(text);
        if (g != null) {
            gids.add(g);
        }
    }

    private static Integer parse(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String[]> table(SystemView system, String file) {
        List<String[]> rows = new ArrayList<>();
        for (String line : system.readFileOrEmpty(Path.of(file)).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(line.split(":", -1));
            }
        }
        return rows;
    }

    /**
     * open(path, O_RDONLY) as this user, from owners and modes: every directory on the way (the
     * path as written and the one its links lead to) must be searchable, the file readable.
     * Access control lists are not read.
     */
    public Open open(SystemView system, Path path) {
        try {
            Path real = system.realPath(path);
            for (Path p : List.of(path, real)) {
                Open dirs = searchable(system, p.getParent());
                if (dirs != Open.OK) {
                    return dirs;
                }
            }
            Optional<FileStat> st = system.stat(path);
            if (st.isEmpty()) {
                return Open.UNKNOWN;
            }
            if (!may(st.get(), 4)) {
                return Open.DENIED;
            }
            boolean devNull =
                    real.toString().equals("/dev/null") || path.toString().equals("/dev/null");
            return st.get().type() == FileStat.Type.REGULAR || devNull ? Open.OK : Open.NOT_REGULAR;
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Open.ABSENT;
        } catch (IOException e) {
            return Open.UNKNOWN;
        }
    }

    /** stat(path) as this user succeeds: what {@code <IfFile>} asks. */
    public boolean canStat(SystemView system, Path path) {
        try {
            if (searchable(system, path.getParent()) != Open.OK
                    || searchable(system, system.realPath(path).getParent()) != Open.OK) {
                return false;
            }
            return system.stat(path).isPresent() || system.exists(path);
        } catch (IOException e) {
            return false;
        }
    }

    private Open searchable(SystemView system, Path dir) throws IOException {
        List<Path> chain = new ArrayList<>();
        for (Path d = dir; d != null; d = d.getParent()) {
            chain.add(0, d);
        }
        for (Path d : chain) {
            Optional<FileStat> st = system.stat(d);
            if (st.isEmpty()) {
                return Open.UNKNOWN;
            }
            if (st.get().type() != FileStat.Type.DIRECTORY) {
                return Open.ABSENT; // ENOTDIR
            }
            if (!may(st.get(), 1)) {
                return Open.DENIED;
            }
        }
        return Open.OK;
    }

    /** root passes read and search checks whatever the bits (CAP_DAC_OVERRIDE). */
    private boolean may(FileStat st, int bit) {
        return uid == 0 || (st.bitsFor(uid, gids) & bit) != 0;
    }
}
