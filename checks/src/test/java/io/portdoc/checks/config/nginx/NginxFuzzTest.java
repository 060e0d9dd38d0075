package io.portdoc.checks.config.nginx;

import static io.portdoc.checks.testing.FuzzInput.bounded;
import static io.portdoc.checks.testing.FuzzInput.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portdoc.checks.testing.FuzzInput;
import io.portdoc.checks.testing.MemoryHost;
import java.nio.file.Path;

/**
 * The nginx reader on any nginx.conf (more files after {@code ==> /path <==} lines), then the
 * model the judge builds from it. Bad input is a {@link Problem} in the result, never thrown.
 */
class NginxFuzzTest {
    private static final String MAIN = "/etc/nginx/nginx.conf";

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void nginxConf(byte[] data) throws Exception {
        bounded(() -> {
            ConfigReader.Parsed parsed = ConfigReader.read(MemoryHost.unpack(MAIN, text(data)), Path.of(MAIN));
            return NginxModel.build(parsed.top());
        });
    }
}
