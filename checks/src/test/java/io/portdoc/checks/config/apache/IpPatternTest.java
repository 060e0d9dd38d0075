package io.portdoc.checks.config.apache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpPatternTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "10.0.0, 10.0.0.0/24",
        "10, 10.0.0.0/8",
        "10.0, 10.0.0.0/16",
        "172.16., 172.16.0.0/16",
        "10.0.0.7, 10.0.0.7/32",
        "010.000.000.007, 10.0.0.7/32",
        "10.1.2.3/16, 10.1.0.0/16",
        "10.1.2.3/255.255.255.0, 10.1.2.0/24",
        "2001:db8::1/32, 2001:db8::/32",
        "::1, ::1/128",
    })
    void setOfPattern(String word, String cidr) {
        IpPattern.Ok ok = assertInstanceOf(IpPattern.Ok.class, IpPattern.parse(word));
        assertEquals(cidr, ok.pattern().toSet().toString());
    }

    @ParameterizedTest
    @CsvSource({"localhost", "example.org", "host-1", "env=x"})
    void namesAreNotAddresses(String word) {
        assertInstanceOf(IpPattern.NotIp.class, IpPattern.parse(word));
    }

    @ParameterizedTest
    @CsvSource({
        "10.1/16",
        "10.0.0.0/0",
        "10.0.0.0/33",
        "1.2.3.4.5",
        "256.0.0.1",
        "10..0",
        "::1/129",
        "fe80::/255.0.0.0",
        "::ffff:1.2.3.4",
        "10.0.0.0/"
    })
    void refusedByApr(String word) {
        assertInstanceOf(IpPattern.Bad.class, IpPattern.parse(word));
    }
}
