package dev.caregap;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain core is plain Java: it can be read, reused and unit-tested without Camel or Spring. */
class DomainCoreTest {

    @Test
    void theDomainCoreKnowsNothingOfCamelOrSpring() {
        noClasses()
                .that().resideInAnyPackage("dev.caregap.study..", "dev.caregap.respondent..", "dev.caregap.read..",
                        "dev.caregap.cleaning..", "dev.caregap.stats..", "dev.caregap.figures..", "dev.caregap.quality..",
                        "dev.caregap.results..", "dev.caregap.sample..", "dev.caregap.report..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.caregap"));
    }
}
