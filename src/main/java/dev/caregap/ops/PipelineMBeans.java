package dev.caregap.ops;

import dev.caregap.config.Studies;
import dev.caregap.store.PipelineFigures;
import dev.caregap.study.Study;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jmx.export.MBeanExporter;
import org.springframework.stereotype.Component;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the pipeline's own MBeans into the platform MBean server, in the caregap domain: Intake, Deliveries,
 * Operations and one Study per study; takes them out again at shutdown. A name already there (an earlier
 * application context in the same JVM, as tests have) is replaced.
 */
@Component
public class PipelineMBeans implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PipelineMBeans.class);

    private final Map<ObjectName, Object> beans = new LinkedHashMap<>();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<ObjectName> registered = new ArrayList<>();

    public PipelineMBeans(Intake intake, Deliveries deliveries, Operations operations, Studies studies,
                          PipelineFigures figures, ObjectProvider<MBeanExporter> springExporter) {
        // Spring's own exporter (on for hawtio) would register these beans a second time under names of its own
        springExporter.ifAvailable(exporter -> List.of("intake", "deliveries", "operations").forEach(exporter::addExcludedBean));
        beans.put(name("caregap:type=Intake"), intake);
        for (Study study : studies.all()) {
            beans.put(name("caregap:type=Study,name=" + study.id()),
                    new StudyView(study, figures));
        }
        beans.put(name("caregap:type=Deliveries"), deliveries);
        beans.put(name("caregap:type=Operations"), operations);
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (JMException e) {
            throw new IllegalArgumentException("not an MBean name: " + name, e);
        }
    }

    @Override
    public synchronized void start() {
        for (Map.Entry<ObjectName, Object> bean : beans.entrySet()) {
            try {
                if (server.isRegistered(bean.getKey())) {
                    server.unregisterMBean(bean.getKey());
                }
                server.registerMBean(bean.getValue(), bean.getKey());
                registered.add(bean.getKey());
            } catch (JMException e) {
                throw new IllegalStateException("could not register MBean " + bean.getKey() + ": " + e.getMessage(), e);
            }
        }
        log.info("MBeans {} registered", registered);
    }

    @Override
    public synchronized void stop() {
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                log.debug("MBean {} was gone already", name, e);
            }
        }
        registered.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !registered.isEmpty();
    }
}
