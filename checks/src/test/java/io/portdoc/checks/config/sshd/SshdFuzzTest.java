package io.portdoc.checks.config.sshd;

import static io.portdoc.checks.testing.FuzzInput.bounded;
import static io.portdoc.checks.testing.FuzzInput.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portdoc.checks.testing.FuzzInput;
import io.portdoc.checks.testing.MemoryHost;
import io.portdoc.core.host.CommandResult;
import io.portdoc.core.net.Addresses;
import java.nio.file.Path;
import java.util.List;

/**
 * sshd's two inputs: the sshd_config files (more files after {@code ==> /path <==} lines, for
 * Include) evaluated for one connection, and what {@code sshd -T} prints, on stdout (settings)
 * and stderr (its refusal of a config). Neither reader throws for bad input.
 */
class SshdFuzzTest {
    private static final String MAIN = "/etc/ssh/sshd_config";
    private static final Conn CONN =
            new Conn(Addresses.literal("10.0.0.9"), "root", "10.0.0.9", Addresses.literal("10.0.0.1"), 22);

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void sshdConfig(byte[] data) throws Exception {
        bounded(() -> {
            SshdConfig cfg = SshdParser.parse(MemoryHost.unpack(MAIN, text(data)), Path.of(MAIN));
            return new SshdModel(cfg).settings(CONN);
        });
    }

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void sshdT(byte[] data) throws Exception {
        bounded(() -> {
            MemoryHost host = new MemoryHost();
            SshdConfig cfg = SshdParser.parse(host, Path.of(MAIN));
            SshdT t = new SshdT(host, "/usr/sbin/sshd", MAIN, cfg);
            List<String> argv = t.argv(CONN);
            host.command(argv, text(data));
            Settings s = t.tryRun(CONN);
            List<Problem> refused = SshdT.refused(new CommandResult(argv, 255, "", text(data), false, false));
            return List.of(s == null ? "" : s, refused, SshdT.failure(t.last()));
        });
    }
}
