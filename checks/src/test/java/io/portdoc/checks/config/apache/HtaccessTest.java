package io.portdoc.checks.config.apache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtaccessTest {
    @TempDir
    Path tmp;

    private AccessDecision.Result decide(String override, String client) throws Exception {
        Tree t = Tree.at(tmp)
                .file(
                        "/e/h.conf",
                        "Listen 80\nDocumentRoot /srv/www\n<Directory /srv/www>\nAllowOverride " + override
                                + "\nRequire all granted\n</Directory>\n")
                .file("/srv/www/.htaccess", "Require ip 10.0.0.0/24\n");
        ApacheModel m = ApacheModel.build(t.parse("/e/h.conf", ConfigParser.Options.apache("/e")));
        RequestWalker.Walk w = new RequestWalker(t.system()).walk(m, null, "/");
        return new AccessEvaluator(new Facts(t.system(), m.setEnv()))
                .decide(w.merged(), InetAddress.getByName(client))
                .result();
    }

    @Test
    void htaccessCountsWhenAllowOverrideLetsIt() throws Exception {
        assertEquals(AccessDecision.Result.DENIED, decide("AuthConfig", "192.168.0.1"));
        assertEquals(AccessDecision.Result.GRANTED, decide("All", "10.0.0.1"));
    }

    @Test
    void htaccessIgnoredWithAllowOverrideNone() throws Exception {
        assertEquals(AccessDecision.Result.GRANTED, decide("None", "192.168.0.1"));
    }
}
