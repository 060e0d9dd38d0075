package io.portdoc.lab;

import static io.portdoc.lab.LabNet.CLIENT_IP;
import static io.portdoc.lab.LabNet.OUTSIDE_CLIENT_IP;
import static io.portdoc.lab.LabNet.OUTSIDE_SERVER_IP;
import static io.portdoc.lab.LabNet.SERVER_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.checks.config.ConfigRequest;
import io.portdoc.checks.config.mysql.MysqlJudge;
import io.portdoc.core.Outcome;
import io.portdoc.core.Target;
import io.portdoc.core.host.ProcessInfo;
import io.portdoc.core.host.RealSystem;
import io.portdoc.core.profile.ServiceProfile;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MySQL / MariaDB engine against a real MariaDB (Debian's mariadbd, run as user mysql in the
 * server namespace on a data directory mariadb-install-db made for this class): what the real
 * {@code mariadb} client gets from the client namespaces is the ground truth. "Can't connect"
 * must be a FAIL of the config step; a connection the server answers, with a login or with
 * "Host ... is not allowed" (1130, the account's host part; the 10.11 client wraps it in an
 * ERROR 2002 about the TLS handshake), must be the WARN that
 * asks for {@code SELECT user, host FROM mysql.user}, quoting the error log when it has the
 * refusal. Checked both in this JVM (the engine) and through {@code portdoc diagnose}.
 */
@ExtendWith(Lab.class)
@LabPrefix("pdd")
class MariadbConfigLabTest {
    private static final int PORT = 3306;
    private static Path data;

    @BeforeAll
    static void installDatabase(LabNet net) {
        data = DbServers.mariadbData(net);
    }

    @Test
    void bindToLoopbackKeepsEveryRemoteClientOut(LabNet net) {
        DbServers.Server db = DbServers.startMariadb(net, net.server(), data, PORT, "bind-address = 127.0.0.1");
        String got = DbServers.mariadbLogin(net, net.inside(), SERVER_IP, PORT, "app", "pw");
        assertTrue(got.contains("Can't connect"), got);
        check(net, db, CLIENT_IP, SERVER_IP, "FAIL", got);
        check(net, db, OUTSIDE_CLIENT_IP, SERVER_IP, "FAIL", got);
        PortdocRun who = DbServers.diagnose(net, db, PORT, null, SERVER_IP, false);
        assertEquals("fail.nobody", who.step("config").path("summaryKey").asText(), who.said("config"));
    }

    @Test
    void skipNetworkingKeepsEveryoneOut(LabNet net) {
        DbServers.Server db = DbServers.startMariadb(net, net.server(), data, PORT, "skip-networking");
        String got = DbServers.mariadbLogin(net, net.inside(), SERVER_IP, PORT, "app", "pw");
        assertTrue(got.contains("Can't connect"), got);
        check(net, db, CLIENT_IP, SERVER_IP, "FAIL", got);
    }

    @Test
    void accountForOneHostIsAWarnQuotingTheLog(LabNet net) {
        DbServers.Server db = DbServers.startMariadb(net, net.server(), data, PORT, "bind-address = 0.0.0.0");
        DbServers.sql(
                net,
                db,
                "CREATE USER IF NOT EXISTS 'app'@'" + CLIENT_IP + "' IDENTIFIED BY 'pw'; "
                        + "GRANT SELECT ON *.* TO 'app'@'" + CLIENT_IP + "'");
        String inside = DbServers.mariadbLogin(net, net.inside(), SERVER_IP, PORT, "app", "pw");
        String outside = DbServers.mariadbLogin(net, net.outside(), SERVER_IP, PORT, "app", "pw");
        assertEquals("1", inside, "the account's host lets the inside client in");
        assertTrue(outside.contains("1130") && outside.contains("is not allowed"), outside);
        check(net, db, CLIENT_IP, SERVER_IP, "WARN", inside);
        PortdocRun r = check(net, db, OUTSIDE_CLIENT_IP, SERVER_IP, "WARN", outside);
        assertTrue(r.said("config").contains("SELECT user, host FROM mysql.user"), r.said("config"));
        String log = DbServers.read(db.dir().resolve("error.log"));
        if (log.contains("'" + OUTSIDE_CLIENT_IP + "'")) {
            assertTrue(r.said("config").contains("the error log says"), log + "\n" + r.said("config"));
        }
    }

    @Test
    void bindToOneAddressServesOnlyThatAddress(LabNet net) {
        DbServers.Server db = DbServers.startMariadb(net, net.server(), data, PORT, "bind-address = " + SERVER_IP);
        String viaOther = DbServers.mariadbLogin(net, net.outside(), OUTSIDE_SERVER_IP, PORT, "app", "pw");
        String viaBound = DbServers.mariadbLogin(net, net.outside(), SERVER_IP, PORT, "app", "pw");
        assertTrue(viaOther.contains("Can't connect"), viaOther);
        assertTrue(!viaBound.contains("Can't connect"), viaBound);
        check(net, db, OUTSIDE_CLIENT_IP, OUTSIDE_SERVER_IP, "FAIL", viaOther);
        check(net, db, OUTSIDE_CLIENT_IP, SERVER_IP, "WARN", viaBound);
    }

    private static PortdocRun check(
            LabNet net, DbServers.Server db, String client, String host, String verdict, String clientSaw) {
        PortdocRun r = DbServers.diagnose(net, db, PORT, client, host, false);
        assertEquals(
                verdict,
                r.verdict("config"),
                "client " + client + " via " + host + " saw: " + clientSaw + "\nportdoc said " + r.said("config") + "\n"
                        + r);
        Outcome o = engine(db, client, host);
        assertEquals(verdict, o.verdict().name(), "engine said " + o.summary().text() + "; client saw " + clientSaw);
        return r;
    }

    /** The engine in this JVM, given the running server as the daemon (its argv names --defaults-file). */
    private static Outcome engine(DbServers.Server db, String client, String host) {
        ProcessInfo daemon = new RealSystem()
                .processes().stream()
                        .filter(p -> p.pid() == db.proc().pid())
                        .findFirst()
                        .orElseThrow();
        ServiceProfile p = new ServiceProfile(
                db.name(),
                null,
                List.of(db.name()),
                List.of(),
                List.of(new ServiceProfile.PortSpec(PORT, "tcp")),
                null,
                new ServiceProfile.ConfigSpec("mysql", List.of(), null),
                null);
        try {
            Target t = Target.of(db.name(), PORT)
                    .withProfile(p)
                    .withClient(InetAddress.getByName(client))
                    .withHost(host);
            return new MysqlJudge().judge(new ConfigRequest(new RealSystem(), t, Optional.of(daemon)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
