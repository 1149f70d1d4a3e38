// RelanceData: reads invoices, customers and events CSV (canonical or mapped exports) into
// validated columnar tables. Bad input is refused with `file:line: column: problem`.
