package dev.caregap;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * Every floor only leans on the floors below it: the domain core on nothing of ours above it, the configuration
 * on the core, the store on both, ingestion and deliverables on the store, the workers on all of them, operations
 * (MBeans, health, metrics, remote JMX) on the pipeline and the store, and the tools (benchmark) on top. Migrations
 * written in Java (db.migration, where Flyway finds them) may use the store, and nothing leans on them. The routes
 * reach the beans by name, so no Java floor depends on them.
 */
class FloorsTest {

    private static final String[] CORE = {"dev.caregap.study..", "dev.caregap.respondent..", "dev.caregap.read..",
            "dev.caregap.cleaning..", "dev.caregap.stats..", "dev.caregap.figures..", "dev.caregap.quality..",
            "dev.caregap.results..", "dev.caregap.run..", "dev.caregap.sample..", "dev.caregap.report.."};

    @Test
    void eachFloorDependsOnlyOnTheFloorsBelow() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.caregap", "db.migration");
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Core").definedBy(CORE)
                .layer("Config").definedBy("dev.caregap.config..")
                .layer("Store").definedBy("dev.caregap.store..")
                .layer("Pipeline").definedBy("dev.caregap.ingest..", "dev.caregap.deliver..")
                .layer("Workers").definedBy("dev.caregap.work..")
                .layer("Operations").definedBy("dev.caregap.ops..")
                .layer("Tools").definedBy("dev.caregap.bench..")
                .layer("Migrations").definedBy("db.migration..")
                .whereLayer("Tools").mayNotBeAccessedByAnyLayer()
                .whereLayer("Migrations").mayNotBeAccessedByAnyLayer()
                .whereLayer("Operations").mayOnlyBeAccessedByLayers("Tools")
                .whereLayer("Workers").mayOnlyBeAccessedByLayers("Operations", "Tools")
                .whereLayer("Pipeline").mayOnlyBeAccessedByLayers("Workers", "Operations", "Tools")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Pipeline", "Workers", "Operations", "Tools", "Migrations")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("Store", "Pipeline", "Workers", "Operations", "Tools")
                .check(classes);
    }
}
