package io.portdoc.cli.render;

/**
 * Host text made safe for a terminal and a ticket: a process name or a config line may hold
 * terminal escapes (ESC ] 0; title, ESC [2J, a fake green "PASS"), NUL bytes, line or paragraph
 * separators and bidirectional overrides. Each such character is written as {@code \xNN}, or as
 * a backslash, u and four hex digits; tabs are kept. JSON needs none of this: Jackson escapes them.
 */
final class Visible {
    private Visible() {}

    /** {@code text} with every control or reordering character made visible; null stays null. */
    static String of(String text) {
        return text == null ? null : escape(text, false);
    }

    /** The same, keeping line breaks: for a whole document whose own structure uses them. */
    static String keepingLines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepNewlines) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hide = !(c == '\t' || (keepNewlines && c == '\n')) && hidden(c);
            if (hide && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (hide) {
                out.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** C0 and C1 controls, DEL, the Unicode line and paragraph separators, bidi embeddings and isolates. */
    private static boolean hidden(char c) {
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f)
                || c == '\u2028'
                || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
