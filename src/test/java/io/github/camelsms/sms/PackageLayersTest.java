package io.github.camelsms.sms;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The main code's packages by role: no package (the root included) takes part in a cycle, and each depends only on
 * the packages below it (see the package-info of each and the component doc's Architecture section).
 */
class PackageLayersTest {

    private static final String ROOT = "io.github.camelsms.sms";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);

    /** Every package is a slice of its own: the root, each provider and each sub-package. */
    private static final SliceAssignment EVERY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            return name.equals(ROOT) || name.startsWith(ROOT + ".") ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "every package under " + ROOT;
        }
    };

    @Test
    void mainClassesAreImported() {
        // guards the rules below against passing over nothing
        org.junit.jupiter.api.Assertions.assertTrue(MAIN.contain(ROOT + ".SmsComponent"));
        org.junit.jupiter.api.Assertions.assertTrue(MAIN.size() > 50, "only " + MAIN.size() + " classes imported");
    }

    @Test
    void noPackageCycles() {
        slices().assignedFrom(EVERY_PACKAGE).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void providersDoNotDependOnEachOther() {
        slices().matching(ROOT + ".provider.(*)..").should().notDependOnEachOther().check(MAIN);
    }

    @Test
    void eachPackageDependsOnlyOnThoseBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("springboot").definedBy(ROOT + ".springboot..")
                .layer("root").definedBy(ROOT)
                .layer("http").definedBy(ROOT + ".http..")
                .layer("webhook").definedBy(ROOT + ".webhook..")
                .layer("provider").definedBy(ROOT + ".provider..")
                .layer("spi").definedBy(ROOT + ".spi..")
                .layer("text").definedBy(ROOT + ".text..")
                .layer("exception").definedBy(ROOT + ".exception..")
                .layer("model").definedBy(ROOT + ".model..")
                .whereLayer("springboot").mayNotBeAccessedByAnyLayer()
                .whereLayer("root").mayOnlyBeAccessedByLayers("springboot")
                .whereLayer("http").mayOnlyBeAccessedByLayers("springboot", "root")
                .whereLayer("webhook").mayOnlyBeAccessedByLayers("springboot", "root", "provider")
                .whereLayer("provider").mayNotBeAccessedByAnyLayer()
                .whereLayer("spi").mayOnlyBeAccessedByLayers("springboot", "root", "http", "webhook", "provider")
                .whereLayer("text").mayOnlyBeAccessedByLayers("springboot", "root", "http", "webhook", "provider", "spi")
                .whereLayer("exception")
                .mayOnlyBeAccessedByLayers("springboot", "root", "http", "webhook", "provider", "spi", "text")
                .check(MAIN);
    }
}
