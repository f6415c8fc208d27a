package dev.caregap.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the heap: the highest use seen (garbage included: what the heap had to hold) and the highest
 * use right after a garbage collection (what was live: the figure that must not grow with file size).
 */
final class HeapWatch implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    HeapWatch() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                NotificationListener listener = (notification, handback) -> afterGc(notification);
                emitter.addNotificationListener(listener, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException ignored) {
                        // already gone
                    }
                });
            }
        }
        sampler = new Thread(() -> {
            while (running) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void afterGc(Notification notification) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long heapAfter = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            var usage = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
            if (usage != null && pool.getType() == MemoryType.HEAP) {
                heapAfter += usage.getUsed();
            }
        }
        peakAfterGc.accumulateAndGet(heapAfter, Math::max);
    }

    long peak() {
        return Math.max(peak.get(), memory.getHeapMemoryUsage().getUsed());
    }

    long peakAfterGc() {
        return peakAfterGc.get();
    }

    @Override
    public void close() {
        running = false;
        unsubscribe.forEach(Runnable::run);
    }
}
