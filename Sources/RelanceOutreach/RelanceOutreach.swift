// RelanceOutreach: the contact policy, the daily planner, the SQLite contact ledger and the
// message renderer (Mustache templates per language).
@_exported import RelanceScoring
