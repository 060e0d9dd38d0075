package io.portdoc.checks.config.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portdoc.core.net.AddressSet;
import io.portdoc.core.net.Addresses;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Table tests from ssh_config(5) "PATTERNS" and OpenSSH's match.c: {@code *} and {@code ?};
 * in a comma list a matching {@code !entry} makes the whole list fail (match_pattern_list
 * returns -1); address lists take {@code addr/masklen} (addr_match_list), a bad mask is an
 * error; {@code USER@HOST} checks the host part as a name list and an address list (match_user).
 */
class SshPatternsTest {
    @ParameterizedTest
    @CsvSource({
        "alice, alice, true",
        "alice, a*, true",
        "alice, al?ce, true",
        "alice, al?e, false",
        "alice, *, true",
        "alice, Alice, false",
        "'', *, true",
        "alice, *e*e, false",
        "alice, a*c*e, true",
    })
    void wildcards(String s, String p, boolean expected) {
        assertEquals(expected, SshPatterns.pattern(s, p));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "alice; alice,bob; 1",
                "carol; alice,bob; 0",
                "alice; *,!alice; -1",
                "bob; *,!alice; 1",
                "alice; !alice,*; -1",
                "ALICE; alice; 0",
            })
    void lists(String s, String list, int expected) {
        assertEquals(expected, SshPatterns.list(s, list, false));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "10.0.0.156; 10.0.0.0/24; 1",
                "10.0.1.1; 10.0.0.0/24; 0",
                "10.0.0.156; 10.0.0.*; 1",
                "10.0.0.7; 10.0.0.0/24,!10.0.0.7; -1",
                "10.0.0.7; 10.0.0.0/33; -2",
                "10.0.0.7; 10.0.0.0/x; -2",
                "fd42:0:0:1::156; fd42:0:0:1::/64; 1",
                "fd42:0:0:1::156; fd42:0:0:1::*; 1",
                "172.16.5.20; 10.0.0.0/8,172.16.0.0/12; 1",
            })
    void addressLists(String addr, String list, int expected) throws Exception {
        assertEquals(expected, SshPatterns.addresses(InetAddress.getByName(addr), list));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "alice; alice@10.0.0.*; 10.0.0.156; true", "alice; alice@10.0.0.*; 172.16.5.20; false",
                "bob; alice@10.0.0.*; 10.0.0.156; false", "alice; *@10.0.0.0/24; 10.0.0.156; true",
                "alice; *@*,!10.0.0.156; 10.0.0.156; false", "alice; alice; 172.16.5.20; true",
                "alice; alice@boven.example; 10.0.0.156; false",
            })
    void userAtHost(String user, String entry, String addr, boolean expected) throws Exception {
        InetAddress a = InetAddress.getByName(addr);
        assertEquals(expected, SshPatterns.user(user, Addresses.text(a), a, entry));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "10.0.0.0/24; 10.0.0.0/24", "10.0.0.*; 10.0.0.0/24", "10.*; 10.0.0.0/8", "10.0.0.7; 10.0.0.7/32",
                "*; ALL", "fd42::/16; fd42::/16", "10.0.0.1?; -", "*.example.com; -",
            })
    void asSets(String pattern, String expected) {
        Optional<AddressSet> s = SshPatterns.asSet(pattern);
        if (expected.equals("-")) {
            assertEquals(Optional.empty(), s);
        } else {
            assertEquals(expected.equals("ALL") ? AddressSet.ALL : AddressSet.parseCidr(expected), s.orElseThrow());
        }
    }
}
