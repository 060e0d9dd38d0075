package io.portdoc.checks.config.sshd;

/** One entry of AllowUsers / DenyUsers / AllowGroups / DenyGroups, and the directive it came from. */
public record Rule(String keyword, String pattern, String loc, String text) {
    /** The entry as a sentence part: {@code DenyUsers *} */
    public String shown() {
        return keyword + " " + pattern;
    }
}
