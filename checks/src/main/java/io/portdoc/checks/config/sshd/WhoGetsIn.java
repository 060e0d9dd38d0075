package io.portdoc.checks.config.sshd;

import io.portdoc.checks.config.files.Regions;
import io.portdoc.core.net.AddressSet;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who can log in without a given client: the address space is cut at every address pattern the
 * config tests (Match Address, {@code USER@HOST}), so all addresses of a piece are treated alike;
 * one address per piece is then judged like a client.
 */
final class WhoGetsIn {
    record Result(
            AddressSet refused,
            AddressSet someUsers,
            AddressJudge.Judgement sampleRefused,
            AddressJudge.Judgement sampleSome,
            Set<String> notEvaluated) {}

    private WhoGetsIn() {}

    /** The address sets of the patterns; those that are no plain set are named in {@code notEvaluated}. */
    static List<AddressSet> atoms(SshdModel model, boolean useDns, Set<String> notEvaluated) {
        List<AddressSet> atoms = new ArrayList<>();
        for (String p : model.addressPatterns()) {
            var set = SshPatterns.asSet(p);
            if (set.isPresent()) {
                atoms.add(set.get());
            } else if (useDns || !SshPatterns.nameOnly(p)) {
                notEvaluated.add(p); // a name never equals an address text when UseDNS is off
            }
        }
        return atoms;
    }

    static Result of(SshdModel model, AddressJudge judge, boolean useDns, InetAddress laddr, int lport) {
        Set<String> notEvaluated = new LinkedHashSet<>();
        Map<AddressJudge.Kind, AddressJudge.Judgement> samples = new EnumMap<>(AddressJudge.Kind.class);
        Map<AddressJudge.Kind, AddressSet> kinds = Regions.classify(atoms(model, useDns, notEvaluated), a -> {
            AddressJudge.Judgement j = judge.judge(a, AddressJudge.hostText(a), laddr, lport);
            samples.putIfAbsent(j.kind(), j);
            return j.kind();
        });
        return new Result(
                kinds.getOrDefault(AddressJudge.Kind.REFUSED, AddressSet.EMPTY),
                kinds.getOrDefault(AddressJudge.Kind.SOME, AddressSet.EMPTY),
                samples.get(AddressJudge.Kind.REFUSED),
                samples.get(AddressJudge.Kind.SOME),
                notEvaluated);
    }
}
