package io.portdoc.checks.config.wrappers;

import static io.portdoc.checks.testing.FuzzInput.bounded;
import static io.portdoc.checks.testing.FuzzInput.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portdoc.checks.testing.FuzzInput;
import io.portdoc.checks.testing.MemoryHost;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * TCP wrappers' hosts.allow/hosts.deny and xinetd.conf (more files after {@code ==> /path <==}
 * lines, for includedir) on any input: both readers turn what they cannot use into warnings or
 * problems, never exceptions.
 */
class WrappersFuzzTest {
    private static final String MAIN = "/etc/xinetd.conf";

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void hostsAccess(byte[] data) throws Exception {
        bounded(() -> HostsFiles.parse("/etc/hosts.allow", text(data), new ArrayList<>()));
    }

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void xinetdConf(byte[] data) throws Exception {
        bounded(() -> XinetdConfig.read(MemoryHost.unpack(MAIN, text(data)), Path.of(MAIN)));
    }
}
