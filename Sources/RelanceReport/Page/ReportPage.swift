import RelanceData
import RelanceScoring

/// Renders one report page in one language: the document shell and, in extensions, each section.
///
/// Internal; ``HTMLReport/render(model:portfolio:worklist:branding:language:)`` is the entry point.
struct ReportPage {
    let branding: ReportBranding
    let language: ReportLanguage
    let strings: ReportStrings
    let format: ReportNumberFormat

    /// Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
    static let lateColour = "#d55e00"
    static let onTimeColour = "#0072b2"
    static let baselineColour = "#6b7280"
    static let lowerRiskColour = "#0072b2"
    static let higherRiskColour = "#d55e00"

    init(branding: ReportBranding, language: ReportLanguage) {
        self.branding = branding
        self.language = language
        self.strings = ReportStrings.forLanguage(language)
        self.format = ReportNumberFormat(language: language)
    }

    func esc(_ text: String) -> String { HTMLText.escape(text) }

    func document(sections: [(id: String, title: String, html: String)], asOf: Day?) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(esc(branding.companyName)) — \(esc(strings.documentTitle))</title>\n"
        out += "<style>\n:root{--brand:\(branding.brandColour);--on-brand:\(branding.onBrandTextColour);--accent:\(branding.accentColour);}\n"
        out += ReportPage.css
        out += "</style>\n</head>\n<body>\n"
        out += "<header class=\"masthead\"><h1>\(esc(branding.companyName))</h1><p>\(esc(strings.documentTitle))"
        if let asOf { out += " · \(esc(strings.asOf)) \(esc(format.date(asOf)))" }
        out += "</p></header>\n"
        if sections.count > 1 {
            out += "<nav aria-label=\"\(esc(strings.contents))\">"
            out += sections.map { "<a href=\"#\($0.id)\">\(esc($0.title))</a>" }.joined()
            out += "</nav>\n"
        }
        out += "<main>\n"
        for section in sections {
            out += "<section id=\"\(section.id)\" aria-labelledby=\"\(section.id)-title\">\n"
            out += "<h2 id=\"\(section.id)-title\">\(esc(section.title))</h2>\n"
            out += section.html
            out += "</section>\n"
        }
        out += "</main>\n<footer>\(esc(strings.footer))</footer>\n"
        out += "<script>\n\(ReportPage.sortScript)</script>\n</body>\n</html>\n"
        return out
    }

    /// A chart with its heading and a one-sentence reading guide.
    /// A `wide` figure spans the whole row, with the chart and its table side by side.
    func figure(title: String, caption: String, svg: String, extra: String = "", wide: Bool = false) -> String {
        let head = "<figcaption><h3>\(esc(title))</h3><p>\(esc(caption))</p></figcaption>"
        if wide {
            return "<figure class=\"chart wide\">\(head)<div class=\"side-by-side\"><div>\(svg)</div><div>\(extra)</div></div></figure>\n"
        }
        return "<figure class=\"chart\">\(head)\(svg)\(extra)</figure>\n"
    }

    /// A numeric table cell: formatted text, raw value for sorting.
    /// `label` is shown before the value where the table is laid out as cards (narrow screens).
    func numberCell(_ text: String, sortValue: Double, label: String? = nil) -> String {
        let v = sortValue.isFinite ? SVGCanvas.number(sortValue) : "0"
        let labelAttribute = label.map { " data-label=\"\(esc($0))\"" } ?? ""
        return "<td class=\"num\" data-v=\"\(v)\"\(labelAttribute)>\(esc(text))</td>"
    }

    func tierBadge(_ tier: RiskTier) -> String {
        "<span class=\"tier tier-\(tier.rawValue)\">\(esc(strings.tierNames[tier] ?? tier.rawValue))</span>"
    }

    static let css = """
    *{box-sizing:border-box}
    body{margin:0;font-family:'DejaVu Sans','Segoe UI',system-ui,-apple-system,Helvetica,Arial,sans-serif;color:#1f2937;background:#f3f4f6;font-size:14px;line-height:1.45}
    header.masthead{background:var(--brand);color:var(--on-brand);padding:20px 32px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
    header.masthead h1{margin:0;font-size:26px;letter-spacing:.01em}
    header.masthead p{margin:4px 0 0;font-size:15px;opacity:.92}
    nav{padding:10px 32px;background:#fff;border-bottom:1px solid #e5e7eb}
    nav a{margin-right:20px;color:var(--accent);font-weight:600;text-decoration:none}
    nav a:hover{text-decoration:underline}
    main{max-width:1220px;margin:0 auto;padding:8px 24px 24px}
    section{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:20px 24px;margin:16px 0}
    h2{margin:0 0 12px;font-size:21px;border-left:5px solid var(--accent);padding-left:10px}
    h3{font-size:15px;margin:0 0 4px}
    p{margin:0 0 8px}
    .lead{font-size:15px}
    .muted{color:#6b7280}
    .small{font-size:12px}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:16px;margin:16px 0}
    figure{margin:0;padding:12px 14px;border:1px solid #e5e7eb;border-radius:6px;break-inside:avoid;page-break-inside:avoid}
    figcaption p{margin:0 0 8px;color:#4b5563;font-size:13px}
    figure svg{max-width:100%;height:auto;display:block;margin:0 auto}
    figure table{margin-top:10px}
    figure.wide{grid-column:1/-1}
    .side-by-side{display:flex;flex-wrap:wrap;gap:20px;align-items:flex-start}
    .side-by-side>div:first-child{flex:0 0 auto;max-width:100%}
    .side-by-side>div:last-child{flex:1 1 380px;min-width:0}
    .side-by-side table{margin-top:0}
    code{overflow-wrap:break-word}
    table{border-collapse:collapse;width:100%;font-size:13px}
    th,td{padding:6px 8px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
    th{background:#f9fafb;font-weight:600;color:#374151}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    tfoot td{font-weight:700;border-top:2px solid #d1d5db}
    .kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:12px;margin:8px 0 16px}
    .kpi{border:1px solid #e5e7eb;border-top:4px solid var(--accent);border-radius:6px;padding:10px 14px}
    .kpi .label{color:#4b5563;font-size:13px}
    .kpi .value{font-size:24px;font-weight:700;margin:2px 0;white-space:nowrap}
    .kpi .note{color:#6b7280;font-size:12px}
    .status{padding:8px 12px;border-radius:6px;margin:8px 0;border:1px solid}
    .status.ok{background:#f0fdf4;border-color:#bbf7d0;color:#166534}
    .status.warning{background:#fef2f2;border-color:#fecaca;color:#991b1b;font-weight:600}
    .better{font-weight:700;color:#166534}
    .better::after{content:" ✓"}
    .tier{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap;-webkit-print-color-adjust:exact;print-color-adjust:exact}
    .tier-critical{background:#fee2e2;color:#991b1b}
    .tier-high{background:#ffedd5;color:#9a3412}
    .tier-medium{background:#fef9c3;color:#854d0e}
    .tier-low{background:#e0f2fe;color:#075985}
    .raises{color:#b45309;white-space:nowrap}
    .lowers{color:#1d4ed8;white-space:nowrap}
    .table-wrap{overflow-x:auto}
    table.worklist{font-size:12.5px}
    table.worklist td ul{margin:0;padding-left:16px}
    table.worklist td.text{min-width:8.5em}
    table.worklist td.why{min-width:12em}
    table.sortable.worklist th{white-space:normal;vertical-align:bottom}
    table.worklist th,table.worklist td{padding:6px 6px}
    table.worklist .id{color:#6b7280;font-size:11px}
    table.worklist td.invoice code{white-space:nowrap;overflow-wrap:normal}
    table.worklist td.customer{min-width:130px}
    table.worklist td.tier-cell{text-align:center}
    table.worklist .combined{display:none}
    table.worklist td.combined ul{margin-bottom:4px}
    table.worklist td.combined .planned,table.worklist td.combined .sent{margin-top:3px}
    table.worklist td.combined .sent ul{display:inline-block;vertical-align:top;margin:0;padding-left:14px}
    @media screen and (max-width:1000px){
      table.worklist,table.worklist thead,table.worklist tbody{display:block}
      table.worklist thead tr{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:6px}
      table.sortable.worklist thead th{display:block;padding:3px 10px;border:1px solid #d1d5db;border-radius:12px;background:#fff;text-align:left;font-size:12px;white-space:nowrap}
      table.worklist .split,table.sortable.worklist thead th.combined{display:none}
      table.worklist tbody tr{display:grid;grid-template-columns:2em repeat(5,minmax(0,1fr));column-gap:12px;row-gap:4px;padding:10px 0;border-bottom:1px solid #d1d5db}
      table.worklist tbody td{display:block;border:none;padding:0;text-align:left;min-width:0}
      table.worklist tbody td[data-label]::before{content:attr(data-label);display:block;color:#6b7280;font-size:11px}
      table.worklist tbody td:nth-child(1){grid-column:1;grid-row:1/span 3;font-weight:700}
      table.worklist tbody td:nth-child(2){grid-column:2;grid-row:1}
      table.worklist tbody td:nth-child(3){grid-column:3/span 2;grid-row:1}
      table.worklist tbody td:nth-child(8){grid-column:5;grid-row:1;text-align:left}
      table.worklist tbody td:nth-child(9){grid-column:6;grid-row:1}
      table.worklist tbody td:nth-child(4){grid-column:2;grid-row:2}
      table.worklist tbody td:nth-child(5){grid-column:3;grid-row:2}
      table.worklist tbody td:nth-child(6){grid-column:4;grid-row:2}
      table.worklist tbody td:nth-child(7){grid-column:5;grid-row:2}
      table.worklist tbody td.combined{display:block;grid-column:2/span 5;grid-row:3}
    }
    .id{white-space:nowrap}
    .flag{display:inline-block;background:#fef3c7;color:#92400e;border-radius:4px;padding:0 5px;margin:1px 0;font-size:11.5px}
    table.sortable th{cursor:pointer;user-select:none;white-space:nowrap}
    table.sortable th:focus{outline:2px solid var(--accent)}
    table.sortable th[aria-sort=ascending]::after{content:" ▲"}
    table.sortable th[aria-sort=descending]::after{content:" ▼"}
    footer{max-width:1220px;margin:0 auto;padding:0 24px 24px;color:#6b7280;font-size:12px}
    @media (max-width:900px){.charts{grid-template-columns:1fr}}
    @media print{
      @page{size:A4;margin:12mm}
      @page worklist{size:A4 landscape;margin:10mm}
      section#worklist{page:worklist}
      body{background:#fff;font-size:11px}
      nav,.sort-hint{display:none}
      main{padding:0;max-width:none}
      section{border:none;padding:0;margin:0 0 12px;break-before:page}
      section:first-of-type{break-before:auto}
      .charts{grid-template-columns:1fr 1fr;gap:8px}
      thead{display:table-header-group}
      tr{break-inside:avoid;page-break-inside:avoid}
      table.worklist{font-size:10.5px}
      .side-by-side{display:block}
      .side-by-side table{margin-top:10px}
      footer{display:none}
      .table-wrap{overflow:visible}
    }

    """

    /// Sorts a table when its header is clicked (or Enter is pressed on it): numeric columns by
    /// their `data-v`, text columns in the page's language order; a second click reverses.
    static let sortScript = """
    (function(){
      var lang = document.documentElement.lang || 'en';
      document.querySelectorAll('table.sortable').forEach(function(table){
        var heads = table.tHead.rows[0].cells;
        Array.prototype.forEach.call(heads, function(th, col){
          th.tabIndex = 0;
          function sort(){
            var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
            var numeric = th.getAttribute('data-type') === 'num';
            var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
            Array.prototype.forEach.call(heads, function(h){ h.removeAttribute('aria-sort'); });
            th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
            rows.sort(function(a, b){
              var x = a.cells[col], y = b.cells[col];
              var c = numeric
                ? parseFloat(x.getAttribute('data-v')) - parseFloat(y.getAttribute('data-v'))
                : x.textContent.trim().localeCompare(y.textContent.trim(), lang);
              return c * dir;
            });
            rows.forEach(function(r){ body.appendChild(r); });
          }
          th.addEventListener('click', sort);
          th.addEventListener('keydown', function(e){ if (e.key === 'Enter') { sort(); } });
        });
      });
    })();

    """
}
