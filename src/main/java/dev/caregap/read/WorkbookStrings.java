package dev.caregap.read;

import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.SharedStrings;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workbook's table of shared texts, which the sheet's cells point into and which must therefore be held in
 * memory whole. Read (as POI's read-only table does: the texts of all runs, phonetic hints left out) within the
 * {@link WorkbookLimits}, so that a table of millions of long texts is rejected as it passes a limit, not after
 * it filled the heap. Characters Excel escapes in its texts ({@code _x000D_} for a carriage return) are decoded
 * once here, as POI's rich text does for every cell.
 */
final class WorkbookStrings extends DefaultHandler implements SharedStrings {

    private static final String PART = "xl/sharedStrings.xml";
    private static final Pattern ESCAPED = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private final String fileName;
    private final WorkbookLimits limits;
    private final List<String> strings = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private XmlFeed feed;
    private long chars;
    private boolean inText;
    private boolean inPhonetic;

    private WorkbookStrings(String fileName, WorkbookLimits limits) {
        this.fileName = fileName;
        this.limits = limits;
    }

    /** An empty table, for a workbook that has none (every text is then written in its cell). */
    static WorkbookStrings none(String fileName, WorkbookLimits limits) {
        return new WorkbookStrings(fileName, limits);
    }

    /** Reads the table from its part; rejects the workbook as a limit is passed. */
    static WorkbookStrings read(InputStream part, String fileName, WorkbookLimits limits) throws Exception {
        WorkbookStrings table = new WorkbookStrings(fileName, limits);
        PushbackInputStream in = new PushbackInputStream(part, 1);
        int first = in.read();
        if (first < 0) {
            return table; // an empty part: no texts, as POI reads it
        }
        in.unread(first);
        try (XmlFeed feed = new XmlFeed(in, limits.rowXmlBytes(), table::textTooLong)) {
            table.feed = feed;
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(table);
            xml.parse(new InputSource(feed));
        }
        return table;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        switch (name(localName, qName)) {
            case "sst" -> {
                String declared = attributes.getValue("uniqueCount");
                if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > limits.sharedStrings()) {
                    throw tooMany(WorkbookTooLarge.count(Long.parseLong(declared)), "declares " + declared + " texts");
                }
            }
            case "si" -> text.setLength(0);
            case "t" -> inText = !inPhonetic;
            case "rPh" -> inPhonetic = true;
            default -> {
            }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        switch (name(localName, qName)) {
            case "si" -> {
                if (strings.size() >= limits.sharedStrings()) {
                    throw tooMany("more than " + WorkbookTooLarge.count(limits.sharedStrings()), "stopped at text "
                            + WorkbookTooLarge.count(strings.size() + 1L));
                }
                strings.add(decode(text));
                feed.itemEnded();
            }
            case "t" -> inText = false;
            case "rPh" -> inPhonetic = false;
            default -> {
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (!inText) {
            return;
        }
        chars += length;
        if (chars > limits.sharedStringChars()) {
            throw WorkbookTooLarge.rejection(fileName,
                    "its shared texts hold more than " + WorkbookTooLarge.count(limits.sharedStringChars()) + " characters",
                    WorkbookTooLarge.count(limits.sharedStringChars()) + " characters",
                    PART + ", stopped at text " + WorkbookTooLarge.count(strings.size() + 1L));
        }
        text.append(ch, start, length);
    }

    @Override
    public RichTextString getItemAt(int idx) {
        return new Plain(strings.get(idx));
    }

    @Override
    public int getCount() {
        return strings.size();
    }

    @Override
    public int getUniqueCount() {
        return strings.size();
    }

    /** "_x000D_" -> "\r", as POI's rich text reads Excel's escapes. */
    private static String decode(StringBuilder text) {
        if (text.indexOf("_x") < 0) {
            return text.toString();
        }
        Matcher m = ESCAPED.matcher(text);
        if (!m.find()) {
            return text.toString();
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        do {
            out.append(text, from, m.start()).append((char) Integer.parseInt(m.group(1), 16));
            from = m.end();
        } while (m.find());
        return out.append(text, from, text.length()).toString();
    }

    private static String name(String localName, String qName) {
        return localName == null || localName.isEmpty() ? qName : localName;
    }

    private ExportRejectedException tooMany(String count, String detail) {
        return WorkbookTooLarge.rejection(fileName, "its table of shared texts holds " + count + " texts",
                WorkbookTooLarge.count(limits.sharedStrings()) + " texts", PART + " " + detail);
    }

    private ExportRejectedException textTooLong() {
        return WorkbookTooLarge.rejection(fileName,
                "shared text " + WorkbookTooLarge.count(strings.size() + 1L) + " runs on for more than "
                        + WorkbookTooLarge.megabytes(limits.rowXmlBytes()) + " of XML",
                WorkbookTooLarge.megabytes(limits.rowXmlBytes()) + " for one text", PART);
    }

    /** A shared text as the sheet handler takes it (it only asks for the text); POI's rich text would build XML beans per cell. */
    private record Plain(String text) implements RichTextString {
        @Override
        public String getString() {
            return text;
        }

        @Override
        public String toString() {
            return text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public int numFormattingRuns() {
            return 0;
        }

        @Override
        public int getIndexOfFormattingRun(int index) {
            return 0;
        }

        @Override
        public void applyFont(int startIndex, int endIndex, short fontIndex) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public void applyFont(int startIndex, int endIndex, Font font) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public void applyFont(Font font) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public void clearFormatting() {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public void applyFont(short fontIndex) {
            throw new UnsupportedOperationException("read only");
        }
    }
}
