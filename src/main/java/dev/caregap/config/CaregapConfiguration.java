package dev.caregap.config;

import dev.caregap.read.ExportReader;
import dev.caregap.results.ExportResponses;
import dev.caregap.results.ResultFiles;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

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
    ResultFiles resultFiles(CaregapProperties properties, ExportResponses exportResponses,
                            @Value("${caregap.results-workbook-responses:" + ResultFiles.WORKBOOK_RESPONSES + "}") int workbookResponses) {
        return new ResultFiles(properties.results(), exportResponses, workbookResponses);
    }

    /** Each export's rows of responses.csv, kept under the data folder: data/responses/&lt;study&gt;/export-&lt;id&gt;.csv. */
    @Bean
    ExportResponses exportResponses(@Value("${caregap.data}") Path data) {
        return new ExportResponses(data.resolve("responses"));
    }
}
