package io.portdoc.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Command lines as reports show them: secret values masked, everything else as it was. */
class SecretsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "app --password hunter2 -v                 | app --password *** -v",
                "app --password=hunter2                    | app --password=***",
                "mysql -u app -p hunter2                   | mysql -u app -p ***",
                "app --pass hunter2 --token abc --secret s | app --pass *** --token *** --secret ***",
                "app --KEY=abc --key xyz                   | app --KEY=*** --key ***",
                "psql postgres://app:s3cret@db/x           | psql postgres://app:***@db/x",
                "app --db=mysql://root:pw@127.0.0.1:3306/d | app --db=mysql://root:***@127.0.0.1:3306/d",
                "env DB_PASSWORD=hunter2 API_TOKEN=t X=1   | env DB_PASSWORD=*** API_TOKEN=*** X=1",
                "app APP_SECRET=s PASSWORD=p               | app APP_SECRET=*** PASSWORD=***",
                "nginx -g daemon off;                      | nginx -g daemon off;",
                "app http://example.org/a:b@c              | app http://example.org/a:b@c",
                "app --password                            | app --password",
            })
    void masked(String line, String shown) {
        ProcessInfo p = new ProcessInfo(1, 0, "root", null, "app", null, List.of(line.split(" ")));
        assertEquals(shown, p.commandLine());
    }
}
