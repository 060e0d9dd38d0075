package io.portdoc.lab;

import java.nio.file.Path;

/**
 * An Apache httpd the lab started in a namespace, from a generated config with its own
 * ServerRoot, PidFile and ErrorLog. It runs under a unique process name (a copy of the
 * apache2 binary) so it is told apart from any other Apache on the machine: pass
 * {@link #processName()} to {@code --service} and {@link #conf()} to {@code --config}.
 */
public record Apache(Proc proc, Path root, Path conf, Path errorLog) {
    public String processName() {
        return proc.processName();
    }
}
