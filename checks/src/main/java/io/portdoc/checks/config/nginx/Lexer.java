package io.portdoc.checks.config.nginx;

import java.util.ArrayList;
import java.util.List;

/**
 * nginx's tokenizer ({@code ngx_conf_read_token} in src/core/ngx_conf_file.c): words split by
 * white space, {@code ;} ends a directive, <code>{</code> opens a block, <code>}</code> closes one,
 * {@code #} starts a comment only at the start of a word, quotes and backslash escapes as nginx
 * reads them. Errors carry nginx's own wording.
 */
final class Lexer {
    enum Kind {
        END,
        BLOCK_START,
        BLOCK_DONE,
        EOF
    }

    /** A directive's words, what ended them and the lines of its first word and terminator. */
    record Token(Kind kind, List<String> words, int firstLine, int line) {}

    /** A syntax error in nginx's words ({@code unexpected "}"}) at {@code line}. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        SyntaxError(String message, int line) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    private final String text;
    private int pos;
    private int line = 1;

    Lexer(String text) {
        this.text = text;
    }

    Token next() throws SyntaxError {
        List<String> words = new ArrayList<>();
        boolean lastSpace = true;
        boolean needSpace = false;
        boolean comment = false;
        boolean quoted = false;
        boolean variable = false;
        char quote = 0;
        int start = 0;
        int firstLine = line;
        while (true) {
            if (pos >= text.length()) {
                if (!words.isEmpty() || !lastSpace) {
                    throw new SyntaxError("unexpected end of file, expecting \";\" or \"}\"", line);
                }
                return new Token(Kind.EOF, words, firstLine, line);
            }
            char ch = text.charAt(pos++);
            if (ch == '\n') {
                line++;
                if (comment) {
                    comment = false;
                }
            }
            if (comment) {
                continue;
            }
            if (quoted) {
                quoted = false;
                continue;
            }
            if (needSpace) {
                if (space(ch)) {
                    lastSpace = true;
                    needSpace = false;
                    continue;
                }
                if (ch == ';') {
                    return new Token(Kind.END, words, firstLine, line);
                }
                if (ch == '{') {
                    return new Token(Kind.BLOCK_START, words, firstLine, line);
                }
                if (ch == ')') {
                    lastSpace = true;
                    needSpace = false;
                    continue;
                }
                throw new SyntaxError("unexpected \"" + ch + "\"", line);
            }
            if (lastSpace) {
                start = pos - 1;
                if (space(ch)) {
                    continue;
                }
                if (words.isEmpty()) {
                    firstLine = line;
                }
                switch (ch) {
                    case ';', '{' -> {
                        if (words.isEmpty()) {
                            throw new SyntaxError("unexpected \"" + ch + "\"", line);
                        }
                        return new Token(ch == '{' ? Kind.BLOCK_START : Kind.END, words, firstLine, line);
                    }
                    case '}' -> {
                        if (!words.isEmpty()) {
                            throw new SyntaxError("unexpected \"}\"", line);
                        }
                        return new Token(Kind.BLOCK_DONE, words, firstLine, line);
                    }
                    case '#' -> {
                        comment = true;
                        continue;
                    }
                    case '\\' -> {
                        quoted = true;
                        lastSpace = false;
                        continue;
                    }
                    case '"', '\'' -> {
                        start++;
                        quote = ch;
                        lastSpace = false;
                        continue;
                    }
                    default -> lastSpace = false;
                }
                continue;
            }
            if (ch == '{' && variable) {
                continue;
            }
            variable = false;
            if (ch == '\\') {
                quoted = true;
                continue;
            }
            if (ch == '$') {
                variable = true;
                continue;
            }
            boolean found = false;
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                    needSpace = true;
                    found = true;
                }
            } else if (space(ch) || ch == ';' || ch == '{') {
                lastSpace = true;
                found = true;
            }
            if (found) {
                words.add(unescape(text, start, pos - 1));
                if (ch == ';') {
                    return new Token(Kind.END, words, firstLine, line);
                }
                if (ch == '{') {
                    return new Token(Kind.BLOCK_START, words, firstLine, line);
                }
            }
        }
    }

    private static boolean space(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
    }

    /** Backslash escapes as nginx copies a word: \" \' \\ \t \r \n; any other backslash stays. */
    private static String unescape(String s, int from, int to) {
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < to) {
                char n = s.charAt(i + 1);
                switch (n) {
                    case '"', '\'', '\\' -> {
                        b.append(n);
                        i++;
                        continue;
                    }
                    case 't' -> {
                        b.append('\t');
                        i++;
                        continue;
                    }
                    case 'r' -> {
                        b.append('\r');
                        i++;
                        continue;
                    }
                    case 'n' -> {
                        b.append('\n');
                        i++;
                        continue;
                    }
                    default -> {}
                }
            }
            b.append(c);
        }
        return b.toString();
    }
}
