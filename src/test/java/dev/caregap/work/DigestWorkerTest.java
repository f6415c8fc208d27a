package dev.caregap.work;

import dev.caregap.config.stakeholders.Stakeholder;
import dev.caregap.config.stakeholders.Stakeholders;
import dev.caregap.deliver.mail.StakeholderMail;
import dev.caregap.report.Audience;
import dev.caregap.store.DeliveryStore;
import dev.caregap.store.RunStore;
import dev.caregap.store.StudyLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The daily digest at 07:30 in the service's zone (Sydney here: 07:30 there is 20:30 UTC the day before). The study's
 * lock only runs the decision here; that it makes instances take turns is DigestUnderStudyLockContract's.
 */
class DigestWorkerTest {

    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    private static final String ADDRESS = "digest@example.com";
    private static final Instant SLOT = Instant.parse("2026-11-29T20:30:00Z");  // 2026-11-30 07:30 in Sydney

    private final RunStore runs = mock(RunStore.class);
    private final DeliveryStore deliveries = mock(DeliveryStore.class);
    private final StudyLock studyLock = mock(StudyLock.class);
    private final Stakeholders stakeholders = new Stakeholders(Path.of("stakeholders.yaml"), List.of(
            new Stakeholder("Digest", ADDRESS, Map.of("care-gap", Audience.EVERYONE), Set.of(), LocalTime.of(7, 30)),
            new Stakeholder("Each run", "each@example.com", Map.of("care-gap", Audience.EVERYONE), Set.of(), null)));

    @BeforeEach
    void newestDeliveredRunIsSixAndNoDigestWasSentYet() {
        when(runs.newestDelivered("care-gap")).thenReturn(Optional.of(6L));
        when(deliveries.lastRun("care-gap", StakeholderMail.DIGEST, ADDRESS)).thenReturn(Optional.empty());
        when(deliveries.addOnce(anyLong(), anyString(), anyString(), any())).thenReturn(true);
        when(studyLock.inTransaction(eq("care-gap"), any())).thenAnswer(call -> call.<Supplier<?>>getArgument(1).get());
    }

    private int addDueAt(Instant now) {
        return new DigestWorker(stakeholders, runs, deliveries, studyLock, Clock.fixed(now, SYDNEY)).addDue();
    }

    @Test
    void beforeTheTimeOfDayNothingIsAdded() {
        assertThat(addDueAt(SLOT.minusSeconds(60))).isZero();
        verify(deliveries, never()).addOnce(anyLong(), anyString(), anyString(), any());
    }

    @Test
    void atTheTimeOfDayTheNewestDeliveredRunIsAddedOnceForTheDigestStakeholderOnly() {
        assertThat(addDueAt(SLOT)).isEqualTo(1);
        verify(deliveries).addOnce(6L, StakeholderMail.DIGEST, ADDRESS, SLOT);
        verify(deliveries, never()).addOnce(anyLong(), anyString(), org.mockito.ArgumentMatchers.eq("each@example.com"), any());
    }

    @Test
    void aRunTheStakeholderHadADigestOfIsNotSentAgain() {
        when(deliveries.lastRun("care-gap", StakeholderMail.DIGEST, ADDRESS)).thenReturn(Optional.of(6L));
        assertThat(addDueAt(SLOT.plusSeconds(3600))).isZero();
        verify(deliveries, never()).addOnce(anyLong(), anyString(), anyString(), any());
    }

    @Test
    void aNewerRunLaterTheSameDayWaitsForTomorrow() {
        when(deliveries.lastRun("care-gap", StakeholderMail.DIGEST, ADDRESS)).thenReturn(Optional.of(5L));
        when(deliveries.addedSince("care-gap", StakeholderMail.DIGEST, ADDRESS, SLOT)).thenReturn(true);
        assertThat(addDueAt(SLOT.plusSeconds(5 * 3600))).isZero();
        verify(deliveries, never()).addOnce(anyLong(), anyString(), anyString(), any());

        Instant tomorrow = SLOT.plusSeconds(24 * 3600);
        assertThat(addDueAt(tomorrow)).isEqualTo(1);
        verify(deliveries).addOnce(6L, StakeholderMail.DIGEST, ADDRESS, tomorrow);
    }

    @Test
    void noDeliveredRunNoDigest() {
        when(runs.newestDelivered("care-gap")).thenReturn(Optional.empty());
        assertThat(addDueAt(SLOT)).isZero();
    }

    @Test
    void anotherInstanceThatAddedTheRowFirstIsNotCountedHere() {
        when(deliveries.addOnce(anyLong(), anyString(), anyString(), any())).thenReturn(false);
        assertThat(addDueAt(SLOT)).isZero();
    }
}
