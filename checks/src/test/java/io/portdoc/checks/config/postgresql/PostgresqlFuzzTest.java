package io.portdoc.checks.config.postgresql;

import static io.portdoc.checks.testing.FuzzInput.bounded;
import static io.portdoc.checks.testing.FuzzInput.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portdoc.checks.testing.FuzzInput;
import io.portdoc.checks.testing.MemoryHost;
import java.nio.file.Path;
import java.util.Map;

/**
 * pg_hba.conf and postgresql.conf (more files after {@code ==> /path <==} lines, for include
 * and @file) on any input: both readers report problems in their result, never throw.
 */
class PostgresqlFuzzTest {
    private static final String HBA = "/etc/postgresql/16/main/pg_hba.conf";
    private static final String CONF = "/etc/postgresql/16/main/postgresql.conf";

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void pgHba(byte[] data) throws Exception {
        bounded(() -> HbaReader.read(MemoryHost.unpack(HBA, text(data)), Path.of(HBA), 16));
    }

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void postgresqlConf(byte[] data) throws Exception {
        bounded(() -> ServerConfReader.read(MemoryHost.unpack(CONF, text(data)), Path.of(CONF), null, Map.of()));
    }
}
