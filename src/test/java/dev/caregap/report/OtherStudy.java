package dev.caregap.report;

import dev.caregap.figures.FigureCalculator;
import dev.caregap.quality.ExportQuality;
import dev.caregap.respondent.Answer;
import dev.caregap.respondent.Respondent;
import dev.caregap.run.RunReport;
import dev.caregap.study.Study;
import dev.caregap.study.StudyDefinitions;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** A study that is not the Care Gap: one segment, no gaps, a ranked pair of questions, a breakdown by region. */
final class OtherStudy {

    static final Study STUDY = StudyDefinitions.read(new ByteArrayInputStream("""
            id: shop-pulse
            title: Shop Pulse
            segments: [{id: shopper, label: Shoppers, questionPrefix: S_}]
            questions:
              - {id: S_REGION, text: "Region?", type: single, options: [North, South]}
              - {id: S_HAPPY, text: "I am happy with the shop.", type: scale, options: ["Not at all", Hardly, Maybe, Mostly, Fully]}
              - {id: S_PAY, text: "How do you pay?", type: multi, options: [Card, Cash, "Phone <b>wallet</b>"]}
              - {id: S_R_FOOD, matrix: "Rate each aisle", row: Food, type: scale, options: [1, 2, 3, 4, 5]}
              - {id: S_R_TOYS, matrix: "Rate each aisle", row: Toys, type: scale, options: [1, 2, 3, 4, 5]}
            figures:
              - {id: happy_shoppers, label: Shoppers happy with the shop, measure: top2, question: S_HAPPY, headline: true}
              - {id: payment, label: How shoppers pay, measure: each-option, question: S_PAY}
              - {id: aisles, label: Aisles rated well, measure: top2, questions: [S_R_FOOD, S_R_TOYS], ranked: true}
            breakdowns:
              - {id: region, label: Region, questions: [S_REGION]}
            """.getBytes(StandardCharsets.UTF_8)), "shop-pulse.yaml");

    private OtherStudy() {
    }

    /** Forty shoppers: 30 of them happy (75%), all pay by card, 10 also by phone; food rated better than toys. */
    static RunReport run() {
        FigureCalculator calculator = new FigureCalculator(STUDY);
        for (int i = 0; i < 40; i++) {
            calculator.add(new Respondent(i + 2, "s" + i, "shopper", null, 1.0, null, List.of(
                    Answer.choice("S_REGION", i % 2 + 1), Answer.choice("S_HAPPY", i < 30 ? 5 : 1),
                    Answer.choice("S_PAY", 1), i < 10 ? Answer.choice("S_PAY", 3) : Answer.choice("S_PAY", 1),
                    Answer.choice("S_R_FOOD", 5), Answer.choice("S_R_TOYS", i < 8 ? 5 : 2))));
        }
        ExportQuality export = new ExportQuality(1, "shoppers.csv", "inbox", Instant.parse("2026-01-01T00:00:00Z"),
                "tidy", 40, 40, 0, 0, 0, 0, List.of());
        return new RunReport(1, "run-00001", STUDY, "shoppers.csv", Instant.parse("2026-01-01T00:01:00Z"),
                calculator.figures(), List.of(export), 1);
    }
}
