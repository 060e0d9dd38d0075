package io.portdoc.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layering the code relies on, checked on the compiled main classes of every module: core
 * depends on nothing of portdoc's others; checks read the host only through {@code SystemView}
 * (never {@code RealSystem}), and a step depends on shared facts, never on another step; the CLI
 * reaches the checks only through the {@code Check} SPI that ServiceLoader finds.
 */
class ArchitectureTest {
    private static final List<String> STEPS = List.of("daemon", "config", "listening", "firewall", "probe");
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.portdoc");
    }

    @Test
    void coreDependsOnNoOtherModule() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("io.portdoc.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.portdoc.checks..", "io.portdoc.cli..", "io.portdoc.examples..");
        rule.check(classes);
    }

    @Test
    void checksReadTheHostOnlyThroughSystemView() {
        noClasses()
                .that()
                .resideInAPackage("io.portdoc.checks..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.portdoc.core.host.RealSystem")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("io.portdoc.cli..")
                .check(classes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemon", "config", "listening", "firewall", "probe"})
    void aStepDependsOnFactsNotOnOtherSteps(String step) {
        String[] others = STEPS.stream()
                .filter(s -> !s.equals(step))
                .map(s -> "io.portdoc.checks." + s + "..")
                .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAPackage("io.portdoc.checks." + step + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .check(classes);
    }

    @Test
    void theCliUsesChecksOnlyThroughTheSpi() {
        noClasses()
                .that()
                .resideInAPackage("io.portdoc.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.portdoc.checks..")
                .check(classes);
    }
}
