package io.portdoc.checks.config.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portdoc.core.DbLogin;
import io.portdoc.core.host.RecordedSystem;
import io.portdoc.core.net.AddressSet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who gets past pg_hba.conf over the whole address space, from check_hba's first-match rule
 * (PostgreSQL manual 21.1): at every address the first line matching every login decides;
 * lines before it for some logins only make that address "some logins".
 */
class WhoGetsInTest {
    @TempDir
    Path root;

    private static final HbaEnv ENV =
            new HbaEnv(false, 16, AddressSet.parseCidr("10.0.0.154"), AddressSet.parseCidr("10.0.0.0/24"), null);

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // rules (\n-separated)                                                   | every login        | some
                // logins
                "host all all 10.0.0.0/24 md5                                             | 10.0.0.0/24        | (none)",
                "host all all 10.0.0.0/25 reject\\nhost all all 10.0.0.0/24 md5           | 10.0.0.128/25      | (none)",
                "host app all 172.16.0.0/12 md5\\nhost all all 172.16.5.0/24 reject       | (none)             | 172.16.0.0/12",
                "host app all 10.0.0.0/8 reject\\nhost all all 10.0.0.0/24 trust          | (none)             | 10.0.0.0/24",
                "host all all all trust                                                   | 0.0.0.0/0, ::/0    | (none)",
                "host all all samenet md5\\nhost all all ::1/128 md5                      | 10.0.0.0/24, ::1/128 | (none)",
                "hostssl all all all md5\\nhost replication all all trust                 | (none)             | (none)",
                "host all all fd42::/16 md5\\nlocal all all trust                         | fd42::/16          | (none)",
                "host all all example.com md5\\nhost \"all\" all 10.1.0.0/16 md5          | (none)             | 10.1.0.0/16",
            })
    void firstMatchOverTheAddressSpace(String rules, String every, String some) {
        HbaReader.Hba hba = HbaReader.parse(new RecordedSystem(root), "/pg_hba.conf", rules.replace("\\n", "\n"), 16);
        assertEquals(List.of(), hba.problems());
        WhoGetsIn.Result r = WhoGetsIn.of(hba.lines(), ENV, DbLogin.ANY);
        assertEquals(every, r.every().toString(), "every login");
        assertEquals(some, r.some().toString(), "some logins");
    }

    @ParameterizedTest(name = "login {0}/{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "app | app  | 10.0.0.0/24, 172.16.0.0/12",
                "bob | bob  | 10.0.0.0/24",
                "bob | app  | 10.0.0.0/24",
            })
    void aGivenLoginMakesEveryLineDefinite(String user, String db, String every) {
        HbaReader.Hba hba = HbaReader.parse(
                new RecordedSystem(root),
                "/pg_hba.conf",
                "host all all 10.0.0.0/24 md5\nhost app app 172.16.0.0/12 md5\n",
                16);
        WhoGetsIn.Result r = WhoGetsIn.of(hba.lines(), ENV, new DbLogin(user, db));
        assertEquals(every, r.every().toString());
        assertEquals("(none)", r.some().toString());
    }
}
