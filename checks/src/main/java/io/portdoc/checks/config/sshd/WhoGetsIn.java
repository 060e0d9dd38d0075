package io.portdoc.checks.config.sshd;

import io.portdoc.core.net.AddressSet;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who can log in without a given client: the address space is cut into regions by every address
 * pattern the config tests (Match Address, {@code USER@HOST}), so all addresses of a region are
 * treated alike; one address per region is then judged like a client.
 */
final class WhoGetsIn {
    static final int MAX_REGIONS = 256;

    record Result(AddressSet refused, AddressSet someUsers, AddressJudge.Judgement sampleRefused,
                  AddressJudge.Judgement sampleSome, Set<String> notEvaluated, int regions) {
    }

    private WhoGetsIn() {
    }

    static List<AddressSet> regions(SshdModel model, boolean useDns, Set<String> notEvaluated) {
        List<AddressSet> regions = new ArrayList<>(List.of(AddressSet.allV4(), AddressSet.allV6()));
        for (String p : model.addressPatterns()) {
            var set = SshPatterns.asSet(p);
            if (set.isEmpty()) {
                if (useDns || !SshPatterns.nameOnly(p)) {
                    notEvaluated.add(p); // a name never equals an address text when UseDNS is off
                }
                continue;
            }
            List<AddressSet> next = new ArrayList<>();
            for (AddressSet r : regions) {
                AddressSet in = r.intersect(set.get());
                AddressSet out = r.minus(set.get());
                if (!in.isEmpty()) {
                    next.add(in);
                }
                if (!out.isEmpty()) {
                    next.add(out);
                }
            }
            if (next.size() > MAX_REGIONS) {
                notEvaluated.add(p);
                continue;
            }
            regions = next;
        }
        return regions;
    }

    static Result of(SshdModel model, AddressJudge judge, boolean useDns, InetAddress laddr, int lport) {
        Set<String> notEvaluated = new LinkedHashSet<>();
        List<AddressSet> regions = regions(model, useDns, notEvaluated);
        AddressSet refused = AddressSet.EMPTY;
        AddressSet some = AddressSet.EMPTY;
        AddressJudge.Judgement sampleRefused = null;
        AddressJudge.Judgement sampleSome = null;
        for (AddressSet r : regions) {
            InetAddress a = member(r);
            AddressJudge.Judgement j = judge.judge(a, AddressJudge.hostText(a), laddr, lport);
            if (j.kind() == AddressJudge.Kind.REFUSED) {
                refused = refused.union(r);
                sampleRefused = sampleRefused == null ? j : sampleRefused;
            } else if (j.kind() == AddressJudge.Kind.SOME) {
                some = some.union(r);
                sampleSome = sampleSome == null ? j : sampleSome;
            }
        }
        return new Result(refused, some, sampleRefused, sampleSome, notEvaluated, regions.size());
    }

    /** An address inside the region (the first address of its first block). */
    static InetAddress member(AddressSet r) {
        String cidr = r.toCidrs(1).get(0);
        return AddressSet.literal(cidr.substring(0, cidr.indexOf('/')));
    }
}
