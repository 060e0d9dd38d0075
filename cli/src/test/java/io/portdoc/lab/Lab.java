package io.portdoc.lab;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for the lab tests ({@code *LabTest}): {@code @ExtendWith(Lab.class)} on the
 * class, and a {@link LabNet} parameter on each test (or on {@code @BeforeAll} / {@code @BeforeEach}
 * methods). The network is built once per class, {@link LabNet#reset() reset} after each test and
 * torn down after the class (also when tests fail; a JVM shutdown hook covers Ctrl-C; the next run
 * removes leftovers of a killed one). Names start with the class's {@link LabPrefix}, else with the
 * system property {@code portdoc.lab.prefix} ({@code -Dportdoc.lab.prefix=pdd}), else {@code pdlab}.
 * Before the first class it starts {@link HostDecoys} (host listeners on the lab's ports, a foreign
 * apache2), stopped after the last. Without root, {@code ip}, {@code nft}, {@code iptables},
 * {@code nc}, {@code unshare} or {@code nsenter} the class is skipped, with one printed line saying why.
 */
public final class Lab implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(Lab.class);
    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();
    private static final Set<String> CLEANED = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeAll(ExtensionContext context) {
        String why = LabNet.unavailableReason();
        LabNet net = null;
        if (why == null) {
            LabPrefix own = context.getRequiredTestClass().getAnnotation(LabPrefix.class);
            String prefix = own != null ? own.value() : System.getProperty("portdoc.lab.prefix", LabNet.PREFIX);
            if (CLEANED.add(prefix)) {
                LabNet.cleanStale(prefix);
            }
            try {
                net = LabNet.create(prefix);
            } catch (LabNet.Unavailable e) {
                why = e.getMessage();
            }
        }
        require(why == null, why);
        if (HostDecoys.enabled()) {
            context.getRoot()
                    .getStore(STORE)
                    .getOrComputeIfAbsent(
                            HostDecoys.class,
                            k -> {
                                HostDecoys d = HostDecoys.start();
                                System.out.println(
                                        "[lab] host decoys: " + d + " (off: -Dportdoc.lab.hostDecoys=false)");
                                return d;
                            },
                            HostDecoys.class);
        }
        context.getStore(STORE).put(LabNet.class, net);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LabNet net = context.getStore(STORE).get(LabNet.class, LabNet.class);
        if (net != null) {
            net.reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LabNet net = context.getStore(STORE).remove(LabNet.class, LabNet.class);
        if (net != null) {
            net.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == LabNet.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getStore(STORE).get(LabNet.class, LabNet.class);
    }

    /** Skips the current test or class unless {@code ok}; says why once per run on stdout. */
    static void require(boolean ok, String why) {
        if (!ok) {
            if (SAID.add(why)) {
                System.out.println("[lab] skipped: " + why);
            }
            Assumptions.abort("lab: " + why);
        }
    }
}
