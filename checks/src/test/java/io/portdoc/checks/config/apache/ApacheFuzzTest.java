package io.portdoc.checks.config.apache;

import static io.portdoc.checks.testing.FuzzInput.bounded;
import static io.portdoc.checks.testing.FuzzInput.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portdoc.checks.testing.FuzzInput;
import io.portdoc.checks.testing.MemoryHost;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;

/**
 * The Apache reader on any apache2.conf (with more files after {@code ==> /path <==} lines, so
 * includes, loops and .htaccess files are built too), then what the config step does with it:
 * the model, the vhost for port 80 and the walk of a request for "/". The parser never throws
 * for bad input (its problems are {@link Problem}s), so nothing may escape.
 */
class ApacheFuzzTest {
    private static final String MAIN = "/etc/apache2/apache2.conf";
    private static final InetAddress LOCAL = Addresses.literal("10.0.0.1");

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void apacheConf(byte[] data) throws Exception {
        bounded(() -> {
            MemoryHost host = MemoryHost.unpack(MAIN, text(data));
            ParsedConfig pc = ConfigParser.parse(host, MAIN, ConfigParser.Options.apache("/etc/apache2"));
            ApacheModel model = ApacheModel.build(pc);
            VhostSelector.Choice choice = VhostSelector.select(model.vhosts(), 80, LOCAL);
            return new RequestWalker(host).walk(model, choice.server(), "/index.html");
        });
    }
}
