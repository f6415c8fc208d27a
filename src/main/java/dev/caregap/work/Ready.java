package dev.caregap.work;

import dev.caregap.config.CaregapProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says once, when the routes run, that this instance is ready and which folder it watches. */
@Component
public class Ready {

    private static final Logger log = LoggerFactory.getLogger(Ready.class);

    private final CaregapProperties settings;
    private final String inbox;

    public Ready(CaregapProperties settings, @Value("${caregap.inbox}") String inbox) {
        this.settings = settings;
        this.inbox = inbox;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        log.info("caregap {} ready: watching {}", settings.instance(), inbox);
    }
}
