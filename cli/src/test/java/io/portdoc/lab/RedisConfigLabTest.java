package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.OUTSIDE_CLIENT_IP;
import static io.portdoc.lab.LabNet.OUTSIDE_SERVER_IP;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.checks.config.redis.RedisJudge;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.profile.ServiceProfile;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Redis engine against a real redis-server (Debian's, run as user redis in the server
 * namespace from its own config): what {@code redis-cli PING} gets from the two client
 * namespaces is the expected answer (PONG or NOAUTH: let in; DENIED or a refused connection:
 * kept out), and both the engine in this JVM and {@code portdoc diagnose} (the real entry point,
 * in the server namespace) must agree.
 */
@ExtendWith(Lab.class)
@LabPrefix("pdd")
class RedisConfigLabTest {
    private static final int PORT = 6379;

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of(
                        "Debian's stock bind: loopback only", "bind 127.0.0.1 -::1\nprotected-mode yes", false, false),
                Arguments.of("protected mode, no password", "bind * -::*\nprotected-mode yes", false, false),
                Arguments.of("protected mode with requirepass", "bind * -::*\nrequirepass s3cret", true, true),
                Arguments.of("protected-mode no", "bind * -::*\nprotected-mode no", true, true),
                Arguments.of(
                        "bind one address, protected mode without password (7.0 still protects)",
                        "bind " + SERVER_IP,
                        false,
                        false),
                Arguments.of(
                        "another user's password leaves the default user open: still protected",
                        "bind *\nuser alice on >pw ~* +@all",
                        false,
                        false),
                Arguments.of("user default with a password", "bind *\nuser default on >pw ~* &* +@all", true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void portdocAgreesWithRedisCli(String name, String body, boolean inside, boolean outside, LabNet net) {
        DbServers.Server redis = DbServers.startRedis(net, net.server(), PORT, body);
        assertEquals(inside, letIn(DbServers.redisPing(net, net.inside(), SERVER_IP, PORT)), name + ": inside");
        assertEquals(outside, letIn(DbServers.redisPing(net, net.outside(), SERVER_IP, PORT)), name + ": outside");
        check(net, redis, CLIENT_IP, SERVER_IP, inside, name, true);
        check(net, redis, OUTSIDE_CLIENT_IP, SERVER_IP, outside, name, true);
    }

    @Test
    void bindOneAddressServesOnlyThatAddress(LabNet net) {
        DbServers.Server redis =
                DbServers.startRedis(net, net.server(), PORT, "bind " + SERVER_IP + "\nprotected-mode no");
        String viaLan = DbServers.redisPing(net, net.outside(), SERVER_IP, PORT);
        String viaOwnSubnet = DbServers.redisPing(net, net.outside(), OUTSIDE_SERVER_IP, PORT);
        assertEquals(true, letIn(viaLan), viaLan);
        assertTrue(viaOwnSubnet.contains("refused"), viaOwnSubnet);
        check(net, redis, OUTSIDE_CLIENT_IP, SERVER_IP, true, "bind one address, via it", true);
        check(net, redis, OUTSIDE_CLIENT_IP, OUTSIDE_SERVER_IP, false, "bind one address, via another", true);
    }

    @Test
    void configFileFromTheRunningServerWhenItsTitleIsKept(LabNet net) {
        DbServers.Server redis =
                DbServers.startRedis(net, net.server(), PORT, "set-proc-title no\nbind * -::*\nprotected-mode yes");
        assertEquals(false, letIn(DbServers.redisPing(net, net.inside(), SERVER_IP, PORT)));
        PortdocRun r = DbServers.diagnose(net, redis, PORT, CLIENT_IP, SERVER_IP, false);
        assertEquals("FAIL", r.verdict("config"), r.toString());
        assertTrue(r.said("config").contains("was started with it"), r.said("config"));
    }

    @Test
    void withoutClientProtectedModeLetsNobodyRemoteIn(LabNet net) {
        DbServers.Server redis = DbServers.startRedis(net, net.server(), PORT, "bind * -::*\nprotected-mode yes");
        assertFalse(letIn(DbServers.redisPing(net, net.inside(), SERVER_IP, PORT)));
        assertFalse(letIn(DbServers.redisPing(net, net.outside(), SERVER_IP, PORT)));
        PortdocRun r = DbServers.diagnose(net, redis, PORT, null, SERVER_IP, true);
        assertEquals("FAIL", r.verdict("config"), r.toString());
        assertEquals("fail.nobody", r.step("config").path("summaryKey").asText(), r.said("config"));
        assertTrue(r.said("config").contains("protected-mode yes"), r.said("config"));
    }

    /** PONG, or NOAUTH (the connection was accepted, a login is asked): let in. */
    private static boolean letIn(String cli) {
        return cli.contains("PONG") || cli.contains("NOAUTH");
    }

    private static void check(
            LabNet net, DbServers.Server s, String client, String host, boolean in, String name, boolean withConfig) {
        String expected = in ? "PASS" : "FAIL";
        PortdocRun r = DbServers.diagnose(net, s, PORT, client, host, withConfig);
        assertEquals(
                expected,
                r.verdict("config"),
                name + ": client " + client + " via " + host + "; portdoc said " + r.said("config") + "\n" + r);
        Outcome o = engine(s, client, host);
        assertEquals(
                expected,
                o.verdict().name(),
                name + ": engine said " + o.summary().text());
    }

    private static Outcome engine(DbServers.Server s, String client, String host) {
        ServiceProfile p = new ServiceProfile(
                s.name(),
                null,
                List.of(s.name()),
                List.of(),
                List.of(new ServiceProfile.PortSpec(PORT, "tcp")),
                null,
                new ServiceProfile.ConfigSpec("redis", List.of(), null),
                null);
        try {
            Target t = Target.of(s.name(), PORT)
                    .withProfile(p)
                    .withConfigFile(s.conf())
                    .withClient(InetAddress.getByName(client))
                    .withHost(host);
            return new RedisJudge().judge(new ConfigRequest(new RealSystem(), t, Optional.empty()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
