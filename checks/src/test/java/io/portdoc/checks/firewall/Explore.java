package io.portdoc.checks.firewall;

import io.portdoc.core.CheckContext;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.host.RecordedSystem;
import java.net.InetAddress;
import java.nio.file.Path;

/** Scratch: prints the check's answer for a fixture (run by hand). */
public final class Explore {
    public static void main(String[] a) throws Exception {
        for (int i = 0; i + 2 < a.length; i += 3) {
            RecordedSystem sys = new RecordedSystem(Path.of("checks/src/test/resources/hosts/fw-" + a[i]));
            Target t = Target.of("svc", Integer.parseInt(a[i + 2]));
            if (!a[i + 1].equals("-")) {
                t = t.withClient(InetAddress.getByName(a[i + 1]));
            }
            Outcome o = new FirewallCheck().run(new CheckContext(sys, t));
            System.out.println("== " + a[i] + " " + a[i + 1] + " " + a[i + 2] + ": " + o.verdict() + " " + o.summary());
            o.evidence().forEach(e -> System.out.println("   " + e.source() + ": " + e.text()));
            o.hints().forEach(h -> System.out.println("   hint: " + h));
        }
    }
}
