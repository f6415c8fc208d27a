package dev.caregap.report.page;

/** The page's style sheet, inline: the page must stand alone. */
final class PageStyle {

    static final String CSS = """
            body{margin:0;background:#f6f7f9;color:#1d2329;font:15px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif}
            main{max-width:980px;margin:0 auto;padding:24px 20px 40px}
            h1{font-size:26px;margin:0 0 4px}
            h2{font-size:19px;margin:0 0 10px}
            h3{font-size:15px;margin:14px 0 6px}
            .meta{color:#55606b;margin:0 0 18px}
            section{background:#fff;border:1px solid #dfe3e8;border-radius:8px;padding:16px 18px;margin:0 0 18px}
            .lead{margin:0 0 10px}
            .chart{width:100%;max-width:720px;height:auto;display:block}
            .chart .grid{stroke:#e3e6ea;stroke-width:1}
            .chart .tick{font-size:11px;fill:#6b7580}
            .chart .row{font-size:13px;font-weight:600;fill:#1d2329}
            .chart .value{font-size:12px;fill:#1d2329}
            .chart .whisker{stroke:#1d2329;stroke-width:1.4;fill:none}
            .legend{list-style:none;padding:0;margin:6px 0 8px;font-size:13px}
            .legend li{margin:2px 0}
            .swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}
            table{border-collapse:collapse;font-size:13px;margin:6px 0;width:100%}
            th,td{border-bottom:1px solid #e6e9ed;padding:4px 8px;text-align:right;vertical-align:top}
            th:first-child,td:first-child,th.text,td.text{text-align:left}
            thead th{background:#f0f2f5;font-weight:600}
            tfoot td{font-weight:600}
            .scroll{overflow-x:auto}
            .low{color:#b3261e;font-weight:600}
            .base{color:#6b7580;font-size:11px}
            .note{color:#55606b;font-size:13px}
            details{margin-top:6px}
            summary{cursor:pointer;color:#1f5fa8}
            footer{color:#55606b;font-size:13px}
            """;

    private PageStyle() {
    }
}
