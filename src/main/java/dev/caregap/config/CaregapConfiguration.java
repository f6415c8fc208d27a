package dev.caregap.config;

import dev.caregap.read.ExportReader;
import dev.caregap.results.ResultFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** Wires the plain-Java core (studies, reader, result files) and the inbox's shared read locks into the application. */
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

    /**
     * The inbox's read locks, in the database so that instances sharing one inbox never read the same file
     * (routes/intake.yaml: readLock idempotent-changed). A lock is kept alive while its file is processed; one
     * whose instance died is free again after a lease.
     */
    @Bean
    IdempotentRepository inboxLocks(DataSource dataSource, CamelContext camel, CaregapProperties properties) {
        JdbcOrphanLockAwareIdempotentRepository locks = new JdbcOrphanLockAwareIdempotentRepository(dataSource, "inbox", camel);
        locks.setCreateTableIfNotExists(false);  // made by the Flyway migrations, with room for long paths
        locks.setLockMaxAgeMillis(properties.work().lease().toMillis());
        locks.setLockKeepAliveIntervalMillis(Math.max(100, properties.work().lease().toMillis() / 3));
        return locks;
    }
}
