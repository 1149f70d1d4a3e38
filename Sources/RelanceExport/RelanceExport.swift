// RelanceExport: risk lists and plans as CSV, JSON and XLSX for the collections team.
@_exported import RelanceOutreach
