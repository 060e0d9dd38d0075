package io.portdoc.checks.config.sshd;

/** Where the settings for a connection come from: sshd's own {@code -T}, or portdoc's reading of the files. */
interface Evaluator {
    Settings settings(Conn c);
}
