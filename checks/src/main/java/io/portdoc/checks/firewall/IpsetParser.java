package io.portdoc.checks.firewall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ipset list}: sets by name with their type ("hash:net", "hash:ip,port"), family and
 * members (first word of each member line; {@code nomatch} members kept apart: they are
 * exceptions inside a hash:net).
 */
final class IpsetParser {
    record IpSet(String name, String type, int family, List<String> members, List<String> nomatch) {
        /** Dimensions of the type: "hash:ip,port" gives [ip, port]. */
        List<String> dims() {
            int colon = type.indexOf(':');
            return List.of((colon < 0 ? type : type.substring(colon + 1)).split(","));
        }
    }

    private IpsetParser() {}

    static Map<String, IpSet> parse(String text) {
        Map<String, IpSet> out = new HashMap<>();
        String name = null;
        String type = "";
        int family = 4;
        List<String> members = null;
        List<String> nomatch = null;
        boolean inMembers = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("Name: ")) {
                if (name != null) {
                    out.put(name, new IpSet(name, type, family, members, nomatch));
                }
                name = line.substring(6).strip();
                type = "";
                family = 4;
                members = new ArrayList<>();
                nomatch = new ArrayList<>();
                inMembers = false;
            } else if (line.equals("Members:")) {
                // members before any "Name:" (output cut at its start) belong to no set a rule can name
                inMembers = name != null;
            } else if (inMembers && !line.isEmpty()) {
                int sp = line.indexOf(' ');
                String first = sp < 0 ? line : line.substring(0, sp);
                (sp > 0 && line.contains(" nomatch") ? nomatch : members).add(first);
            } else if (line.startsWith("Type: ")) {
                type = line.substring(6).strip();
            } else if (line.startsWith("Header: ")) {
                family = line.contains("family inet6") ? 6 : 4;
            }
        }
        if (name != null) {
            out.put(name, new IpSet(name, type, family, members, nomatch));
        }
        return out;
    }
}
