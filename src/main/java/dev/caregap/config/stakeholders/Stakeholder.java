package dev.caregap.config.stakeholders;

import dev.caregap.report.Audience;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Someone who gets summaries of studies by e-mail.
 *
 * @param name        for people and the log
 * @param address     the e-mail address; also the recipient of their outbox rows
 * @param audiences   per study id they get, whose figures they see (everyone's, one country's, one segment's)
 * @param attachments what goes with each summary
 * @param dailyAt     null: a summary after each delivered run; else one digest a day at this time (the service's zone)
 */
public record Stakeholder(String name, String address, Map<String, Audience> audiences, Set<Attachment> attachments,
                          LocalTime dailyAt) {

    public Stakeholder {
        audiences = Map.copyOf(audiences);
        attachments = Set.copyOf(attachments);
    }

    /** What a summary can carry besides its body. */
    public enum Attachment {
        /** the report workbook, made for the stakeholder's figures */
        XLSX,
        /** the report page, made for the stakeholder's figures */
        HTML,
        /** the run's figures.csv as written in its results folder */
        CSV
    }

    public boolean eachRun() {
        return dailyAt == null;
    }

    public List<String> studies() {
        return audiences.keySet().stream().sorted().toList();
    }

    public Audience audience(String study) {
        return audiences.get(study);
    }
}
