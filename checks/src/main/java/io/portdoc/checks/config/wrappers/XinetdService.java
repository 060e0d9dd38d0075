package io.portdoc.checks.config.wrappers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One xinetd service with its defaults applied: the attributes that decide who connects
 * (xinetd.conf(5)): {@code disable}, {@code bind} / {@code interface}, {@code only_from} and
 * {@code no_access} (a service's own {@code =} replaces the defaults', {@code +=} adds to them,
 * {@code -=} removes), {@code flags} (NOLIBWRAP, NAMEINARGS), and the name libwrap gets.
 */
record XinetdService(
        XinetdConfig.Entry entry,
        int port,
        boolean disabled,
        String disabledLoc,
        String bind,
        String bindLoc,
        List<String> onlyFrom,
        String onlyFromLoc,
        List<String> noAccess,
        String noAccessLoc,
        boolean libwrap,
        String wrapName) {

    static XinetdService of(XinetdConfig.Entry e, XinetdConfig.Entry defaults, int port) {
        String disable = e.value("disable");
        boolean disabled = "yes".equalsIgnoreCase(disable);
        String disabledLoc = disabled ? e.all("disable").get(0).loc() : null;
        if (!disabled && defaults != null) {
            for (XinetdConfig.Attr a : defaults.all("disabled")) {
                if (a.values().contains(e.name())) {
                    disabled = true;
                    disabledLoc = a.loc();
                }
            }
        }
        String bind = e.value("bind") != null ? e.value("bind") : e.value("interface");
        String bindLoc = bind == null
                ? null
                : (e.all("bind").isEmpty() ? e.all("interface") : e.all("bind"))
                        .get(0)
                        .loc();
        List<String> flags = new ArrayList<>();
        e.all("flags").forEach(a -> flags.addAll(a.values()));
        if (defaults != null && e.all("flags").isEmpty()) {
            defaults.all("flags").forEach(a -> flags.addAll(a.values()));
        }
        boolean libwrap = flags.stream().noneMatch(f -> f.equalsIgnoreCase("NOLIBWRAP"));
        Setting of = list(e, defaults, "only_from");
        Setting na = list(e, defaults, "no_access");
        return new XinetdService(
                e,
                port,
                disabled,
                disabledLoc,
                bind,
                bindLoc,
                of.values(),
                of.loc(),
                na.values(),
                na.loc(),
                libwrap,
                wrapName(e, flags));
    }

    /** A list attribute's values (null when never set) and the last line that set it. */
    private record Setting(List<String> values, String loc) {}

    private static Setting list(XinetdConfig.Entry e, XinetdConfig.Entry defaults, String attr) {
        List<String> values = null;
        String loc = null;
        if (defaults != null) {
            for (XinetdConfig.Attr a : defaults.all(attr)) {
                values = values == null ? new ArrayList<>() : values;
                values.addAll(a.values());
                loc = a.loc();
            }
        }
        boolean replaced = false;
        for (XinetdConfig.Attr a : e.all(attr)) {
            if (a.op().equals("=") && !replaced) {
                values = new ArrayList<>();
                replaced = true;
            }
            values = values == null ? new ArrayList<>() : values;
            if (a.op().equals("-=")) {
                values.removeAll(a.values());
            } else {
                values.addAll(a.values());
            }
            loc = a.loc();
        }
        return new Setting(values == null ? null : List.copyOf(values), loc);
    }

    /** access.c: internal and redirected services by service name, NAMEINARGS by server_args[0], else server. */
    private static String wrapName(XinetdConfig.Entry e, List<String> flags) {
        if (e.value("libwrap") != null) {
            return e.value("libwrap");
        }
        String type = String.join(
                        " ",
                        e.all("type").stream().flatMap(a -> a.values().stream()).toList())
                .toUpperCase(Locale.ROOT);
        if (type.contains("INTERNAL") || e.value("redirect") != null) {
            return e.name();
        }
        String server = flags.stream().anyMatch(f -> f.equalsIgnoreCase("NAMEINARGS"))
                ? e.value("server_args")
                : e.value("server");
        if (server == null) {
            return e.value("id") != null ? e.value("id") : e.name();
        }
        return server.substring(server.lastIndexOf('/') + 1);
    }

    String id() {
        return entry.value("id") != null ? entry.value("id") : entry.name();
    }
}
