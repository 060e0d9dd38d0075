package io.portdoc.checks.config.cups;

import static io.portdoc.checks.testing.FuzzInput.bounded;
import static io.portdoc.checks.testing.FuzzInput.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portdoc.checks.config.apache.ConfigParser;
import io.portdoc.checks.config.apache.ParsedConfig;
import io.portdoc.checks.testing.FuzzInput;
import io.portdoc.checks.testing.MemoryHost;

/**
 * The cupsd.conf reader (Apache's parser with CUPS options) and the CUPS model on any input,
 * then the best Location for "/admin". Problems are reported in the model, never thrown.
 */
class CupsFuzzTest {
    private static final String MAIN = "/etc/cups/cupsd.conf";

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void cupsdConf(byte[] data) throws Exception {
        bounded(() -> {
            MemoryHost host = MemoryHost.unpack(MAIN, text(data));
            ParsedConfig pc = ConfigParser.parse(host, MAIN, ConfigParser.Options.cups("/etc/cups"));
            CupsModel model = CupsModel.build(pc, LocalSubnets.read(host));
            return model.best("/admin");
        });
    }
}
