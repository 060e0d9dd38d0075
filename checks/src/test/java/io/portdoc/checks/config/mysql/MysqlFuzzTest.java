package io.portdoc.checks.config.mysql;

import static io.portdoc.checks.testing.FuzzInput.bounded;
import static io.portdoc.checks.testing.FuzzInput.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portdoc.checks.testing.FuzzInput;
import io.portdoc.checks.testing.MemoryHost;
import java.util.List;

/**
 * MariaDB's option files on any input (more files after {@code ==> /path <==} lines, for
 * !include and !includedir): why reading stopped is the result's problem, never an exception.
 */
class MysqlFuzzTest {
    private static final String MAIN = "/etc/mysql/my.cnf";

    @FuzzTest(maxDuration = FuzzInput.RUN)
    void myCnf(byte[] data) throws Exception {
        bounded(() -> OptionFileReader.read(MemoryHost.unpack(MAIN, text(data)), List.of(MAIN), false));
    }
}
