// RelanceReport: the self-contained HTML model report and collections worklist, with SVG charts.
@_exported import RelanceExport
