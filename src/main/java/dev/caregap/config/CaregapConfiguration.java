package dev.caregap.config;

import dev.caregap.read.ExportReader;
import dev.caregap.results.ResultFiles;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java core (studies, reader, result files) into the application. */
@Configuration
@EnableConfigurationProperties(CaregapProperties.class)
public class CaregapConfiguration {

    @Bean
    Studies studies(CaregapProperties properties) {
        return new Studies(properties.studies());
    }

    @Bean
    ExportReader exportReader(Studies studies) {
        return new ExportReader(studies.all());
    }

    @Bean
    ResultFiles resultFiles(CaregapProperties properties) {
        return new ResultFiles(properties.results());
    }
}
