package dev.caregap.read;

/** The shape a survey tool gives its export, recognised from the file's header rows. */
public enum Layout {
    QUALTRICS("Qualtrics", 3),
    /** A Qualtrics export without its third (ImportId) row: tags, then question texts; its times are read as UTC. */
    QUALTRICS_NO_IMPORT_IDS("Qualtrics (no ImportId row)", 2),
    SURVEYMONKEY("SurveyMonkey", 2),
    GOOGLE_FORMS("Google Forms", 1),
    TIDY("tidy", 1);

    private final String label;
    private final int headerRows;

    Layout(String label, int headerRows) {
        this.label = label;
        this.headerRows = headerRows;
    }

    public String label() {
        return label;
    }

    public int headerRows() {
        return headerRows;
    }
}
