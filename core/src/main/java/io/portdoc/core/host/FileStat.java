package io.portdoc.core.host;

import java.util.Set;

/**
 * What stat(2) says about a file, links followed: owner, group, the permission bits
 * ({@code 0644}) and the type. Enough to judge whether another user (Apache's run user) may
 * open it, without opening it as that user.
 */
public record FileStat(int uid, int gid, int mode, Type type) {
    public enum Type {
        REGULAR,
        DIRECTORY,
        OTHER
    }

    /** The read, write or execute bits that apply to {@code uid} in group set {@code gids}. */
    public int bitsFor(int uid, Set<Integer> gids) {
        if (uid == this.uid) {
            return (mode >> 6) & 7;
        }
        if (gids.contains(gid)) {
            return (mode >> 3) & 7;
        }
        return mode & 7;
    }
}
