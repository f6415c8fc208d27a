package dev.caregap.config.stakeholders;

import dev.caregap.config.Studies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;

/** The stakeholders, read from {@code caregap.stakeholders} once at start-up; a wrong file stops the start. */
@Configuration
public class StakeholdersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StakeholdersConfiguration.class);

    @Bean
    Stakeholders stakeholders(@Value("${caregap.stakeholders}") Path file, Studies studies) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            log.info("No stakeholders file at {} (caregap.stakeholders): no summaries are e-mailed", absolute);
        }
        Stakeholders stakeholders = new Stakeholders(absolute, StakeholdersFile.read(absolute, studies.all()));
        if (!stakeholders.all().isEmpty()) {
            log.info("{} stakeholders in {}: {}", stakeholders.all().size(), absolute, stakeholders.all().stream()
                    .map(s -> s.name() + " <" + s.address() + "> " + (s.eachRun() ? "each run" : "daily at " + s.dailyAt()))
                    .toList());
        }
        return stakeholders;
    }
}
