package io.portdoc.checks.config.postgresql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pg_hba.conf line a fix adds, written in the file's own style: columns padded to where
 * the file's last host line puts them (the stock file's 8/24/40/64 layout, say) and the
 * authentication method its host lines use most.
 */
final class NewLine {
    private NewLine() {}

    static String of(List<HbaLine> existing, String database, String user, String address) {
        HbaLine model = null;
        Map<String, Integer> methods = new HashMap<>();
        for (HbaLine l : existing) {
            if (l.type() != ConnType.LOCAL) {
                model = l;
                if (!l.rejects() && !l.method().equals("trust")) {
                    methods.merge(l.method(), 1, Integer::sum);
                }
            }
        }
        String method = methods.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse("scram-sha-256");
        List<String> fields = List.of("host", database, user, address, method);
        if (model != null && model.text().contains("\t")) {
            return String.join("\t", fields);
        }
        List<Integer> starts = model == null ? List.of() : starts(model.text());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                int want = i < starts.size() && starts.size() >= fields.size() ? starts.get(i) : 0;
                out.append(' ');
                while (out.length() < want) {
                    out.append(' ');
                }
            }
            out.append(fields.get(i));
        }
        return out.toString();
    }

    /** Where each column of a line starts (outside quotes). */
    private static List<Integer> starts(String text) {
        List<Integer> s = new ArrayList<>();
        boolean inQuote = false;
        boolean inToken = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#' && !inQuote) {
                break;
            }
            boolean blank = (c == ' ' || c == '\t') && !inQuote;
            if (!blank && !inToken) {
                s.add(i);
            }
            inToken = !blank;
            if (c == '"') {
                inQuote = !inQuote;
            }
        }
        return s;
    }
}
