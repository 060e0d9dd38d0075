package io.portdoc.checks.config.nginx;

import java.util.ArrayList;
import java.util.List;

/** An http or stream {@code server} block: its listen sockets, names, access level and locations. */
public final class Server {
    final Directive dir;
    final boolean stream;
    final List<Listen> listens = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final Level level;
    final List<Location> locations = new ArrayList<>();

    Server(Directive dir, boolean stream) {
        this.dir = dir;
        this.stream = stream;
        this.level = new Level(dir);
    }

    public Directive dir() {
        return dir;
    }

    public List<Listen> listens() {
        return listens;
    }

    public boolean stream() {
        return stream;
    }
}
