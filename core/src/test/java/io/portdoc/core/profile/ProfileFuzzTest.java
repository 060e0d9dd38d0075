package io.portdoc.core.profile;

import static io.portdoc.core.testing.FuzzInput.bounded;
import static io.portdoc.core.testing.FuzzInput.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portdoc.core.BadInputException;
import io.portdoc.core.testing.FuzzInput;

/**
 * A profile file ({@code --profile}, {@code profile check}) as any bytes: it loads or is
 * refused with {@link BadInputException} (exit 2, one line); nothing else may escape.
 * Inputs: the built-in profiles and examples/profiles.
 */
class ProfileFuzzTest {
    @FuzzTest(maxDuration = FuzzInput.RUN)
    void profile(byte[] data) throws Exception {
        bounded(() -> {
            try {
                return ProfileLoader.parse("fuzz.yaml", text(data));
            } catch (BadInputException documented) {
                return documented.getMessage();
            }
        });
    }
}
