package io.portdoc.checks.config.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portdoc.core.net.AddressSet;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Table tests from hosts_access(5): hosts.allow is read first and its first matching line
 * grants, then hosts.deny's first matching line denies, else access is granted; patterns
 * {@code ALL}, {@code LOCAL}, {@code KNOWN}, {@code UNKNOWN}, {@code .domain}, {@code n.n.n.}
 * prefixes, {@code n.n.n.n/m.m.m.m} ("net is equal to the bitwise AND of the address and the
 * mask"), {@code [ipv6]/len}, and {@code EXCEPT}; hosts_options(5) {@code allow} / {@code deny}.
 */
class HostsAccessTest {
    /** allow and deny as text ("|" separates lines), daemon, client, the client's verified name or "-". */
    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "; ; sshd; 172.16.5.20; -; ALLOW",
                "; ALL: ALL; sshd; 172.16.5.20; -; DENY",
                "sshd: 10.0.0.; ALL: ALL; sshd; 10.0.0.156; -; ALLOW",
                "sshd: 10.0.0.; ALL: ALL; sshd; 172.16.5.20; -; DENY",
                "sshd: 10.0.0.; ALL: ALL; in.ftpd; 10.0.0.156; -; DENY",
                "ALL EXCEPT in.ftpd: ALL; ALL: ALL; sshd; 172.16.5.20; -; ALLOW",
                "ALL EXCEPT in.ftpd: ALL; ALL: ALL; in.ftpd; 172.16.5.20; -; DENY",
                "sshd: 172.16.0.0/255.255.0.0; ALL: ALL; sshd; 172.16.5.20; -; ALLOW",
                "sshd: 172.16.5.20/255.255.0.0; ALL: ALL; sshd; 172.16.5.20; -; DENY",
                "sshd: 10.0.0.0/24; ALL: ALL; sshd; 10.0.0.156; -; DENY",
                "sshd: [fd42:0:0:1::]/64; ALL: ALL; sshd; fd42:0:0:1::156; -; ALLOW",
                "sshd: [fd42:0:0:1::156]; ALL: ALL; sshd; fd42:0:0:1::156; -; ALLOW",
                "sshd: 10.0.0. EXCEPT 10.0.0.156; ALL: ALL; sshd; 10.0.0.156; -; DENY",
                "sshd: 10.0.0. EXCEPT 10.0.0.156; ALL: ALL; sshd; 10.0.0.7; -; ALLOW",
                "sshd: ALL EXCEPT 172.16. EXCEPT 172.16.5.20; ALL: ALL; sshd; 172.16.5.20; -; ALLOW",
                "sshd: ALL EXCEPT 172.16. EXCEPT 172.16.5.20; ALL: ALL; sshd; 172.16.5.21; -; DENY",
                "sshd: .example.com; ALL: ALL; sshd; 10.0.0.156; pc7.example.com; ALLOW",
                "sshd: .example.com; ALL: ALL; sshd; 10.0.0.156; -; DENY",
                "sshd: LOCAL; ALL: ALL; sshd; 10.0.0.156; pc7; ALLOW",
                "sshd: LOCAL; ALL: ALL; sshd; 10.0.0.156; pc7.example.com; DENY",
                "sshd: KNOWN; ALL: ALL; sshd; 10.0.0.156; pc7.example.com; ALLOW",
                "; ALL: UNKNOWN; sshd; 10.0.0.156; -; DENY",
                "; ALL: UNKNOWN; sshd; 10.0.0.156; pc7; ALLOW",
                "sshd: ALL: deny; ; sshd; 10.0.0.156; -; DENY",
                "; sshd: ALL: allow; sshd; 10.0.0.156; -; ALLOW",
                "sshd: 10.0.0.*; ALL: ALL; sshd; 10.0.0.156; -; ALLOW",
                "sshd, in.ftpd: 10.0.0.156, 10.0.0.7; ALL: ALL; in.ftpd; 10.0.0.7; -; ALLOW",
                "sshd: 10.0.0.|ALL: 172.16.; ALL: ALL; in.ftpd; 172.16.5.20; -; ALLOW",
            })
    void table(String allow, String deny, String daemon, String client, String name, String expected) throws Exception {
        List<String> warnings = new ArrayList<>();
        HostsFiles files = new HostsFiles(
                HostsFiles.parse("/etc/hosts.allow", allow == null ? "" : allow.replace('|', '\n'), warnings),
                HostsFiles.parse("/etc/hosts.deny", deny == null ? "" : deny.replace('|', '\n'), warnings),
                warnings,
                null,
                null);
        Client c = new Client(InetAddress.getByName(client), name.equals("-") ? null : name, true);
        assertEquals(
                expected, HostsAccess.decide(files, daemon, c, null).result().name());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "10.0.0.; 10.0.0.0/24",
                "10.; 10.0.0.0/8",
                "10.0.0.7; 10.0.0.7/32",
                "ALL; ALL",
                "172.16.0.0/255.255.0.0; 172.16.0.0/16",
                "[fd42::]/16; fd42::/16",
            })
    void addressPatternsAsSets(String word, String expected) {
        assertEquals(
                expected.equals("ALL") ? AddressSet.ALL : AddressSet.parseCidr(expected),
                HostPatterns.addresses(word).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {"pc7.example.com", ".example.com", "@admins", "LOCAL"})
    void namesAreNotAddressSets(String word) {
        assertTrue(HostPatterns.addresses(word).isEmpty());
    }

    @Test
    void continuationLinesCommentsAndMissingSeparators() {
        List<String> warnings = new ArrayList<>();
        List<AccessRule> rules = HostsFiles.parse("/etc/hosts.allow", """
                # comment
                sshd: 10.0.0.156 \\
                   10.0.0.7
                this line has no separator
                """, warnings);
        assertEquals(1, rules.size());
        assertEquals(List.of("10.0.0.156", "10.0.0.7"), rules.get(0).clients());
        assertEquals("/etc/hosts.allow:2", rules.get(0).loc());
        assertEquals(List.of("/etc/hosts.allow:4: missing \":\" separator, line ignored (as libwrap does)"), warnings);
    }
}
