package io.portdoc.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portdoc.core.BadInputException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code [USER@]HOST[:PORT]}, as ssh(1) and scp write destinations; IPv6 with a port in brackets (RFC 3986 style). */
class SshAddressTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "boven                 | -     | boven       | -    | boven",
                "admin@boven           | admin | boven       | -    | -l admin boven",
                "boven:2222            | -     | boven       | 2222 | -p 2222 boven",
                "admin@10.0.0.154:22   | admin | 10.0.0.154  | 22   | -l admin -p 22 10.0.0.154",
                "[fd00::154]:2222      | -     | fd00::154   | 2222 | -p 2222 fd00::154",
                "root@[fd00::154]      | root  | fd00::154   | -    | -l root fd00::154",
                "fd00::154             | -     | fd00::154   | -    | fd00::154",
                "a@b@boven             | a@b   | boven       | -    | -l a@b boven",
            })
    void parses(String text, String user, String host, Integer port, String args) {
        SshAddress a = SshAddress.parse(text);
        assertEquals(new SshAddress(user, host, port), a);
        assertEquals(List.of(args.split(" ")), a.sshArgs());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "-oProxyCommand=x",
                "boven:0",
                "boven:65536",
                "boven:ssh",
                "@boven",
                "-l@boven",
                "[fd00::1",
                "[boven]:22",
                "[fd00::1]x",
                "bo ven",
                "boven;true",
                "bo'ven",
                "boven:",
            })
    void badValuesAreOneLineErrors(String text) {
        BadInputException e = assertThrows(BadInputException.class, () -> SshAddress.parse(text));
        assertEquals(1, e.getMessage().lines().count());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"a,b,a|a b", "a, b|a b", "x@a:2,x@a:2,x@a|x@a:2 x@a"})
    void listsKeepOrderWithoutDuplicates(String text, String expected) {
        assertEquals(
                List.of(expected.split(" ")),
                SshAddress.parseList(List.of(text.replace(" ", ""))).stream()
                        .map(SshAddress::toString)
                        .toList());
    }
}
