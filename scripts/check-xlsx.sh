#!/usr/bin/env bash
# Checks a Relance workbook the way a user would open it: LibreOffice Calc reads the .xlsx and
# writes every sheet back as CSV, and this script checks what came back, namely
#   - the header row of each sheet is text, and the `invoices` sheet has the documented columns;
#   - number columns came back as numbers (unquoted, numeric), date columns as dates shown as
#     YYYY-MM-DD (not as serial numbers, not as text), text columns as text.
#
# Usage: scripts/check-xlsx.sh FILE.xlsx
# Installs libreoffice-calc-nogui with apt-get when `libreoffice` is missing (large: only when this
# script runs, never during the build). Needs python3 for the CSV checks.
# Exit status: 0 when every check passes, 1 when one fails, 2 on a usage or tool problem.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 FILE.xlsx" >&2
    exit 2
fi
file=$1
if [ ! -f "$file" ]; then
    echo "check-xlsx: $file: no such file" >&2
    exit 2
fi

if ! command -v libreoffice >/dev/null 2>&1; then
    echo "check-xlsx: libreoffice not found; installing libreoffice-calc-nogui (large download, once)" >&2
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    $sudo_cmd apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends \
        libreoffice-calc-nogui >&2
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "check-xlsx: python3 is needed for the CSV checks" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$file" "$work/book.xlsx"
mkdir -p "$work/out"

# CSV filter options (LibreOffice "Text - txt - csv (StarCalc)"), by position:
#   9 = tab as field separator (so "1,234.50" never needs quoting), 34 = '"' text delimiter,
#   76 = UTF-8, 1 = first line, (empty) = cell formats, 1033 = en-US, true = quote ALL text cells
#   (so a quoted field is text and an unquoted one is a number or date), true = detect special
#   numbers, true = save cell contents as shown (dates in their number format), false = no
#   formulas, false = keep spaces, -1 = every sheet to its own file (LibreOffice 7.2 and later).
filter='csv:Text - txt - csv (StarCalc):9,34,76,1,,1033,true,true,true,false,false,-1'
# A private profile, so a desktop LibreOffice (or a locked profile) does not interfere.
if ! HOME="$work" libreoffice --headless "-env:UserInstallation=file://$work/profile" \
        --convert-to "$filter" --outdir "$work/out" "$work/book.xlsx" >"$work/lo.log" 2>&1; then
    echo "check-xlsx: libreoffice failed:" >&2
    cat "$work/lo.log" >&2
    exit 2
fi
sed 's/^/libreoffice: /' "$work/lo.log"

python3 - "$work/out" <<'PY'
import os, re, sys

out = sys.argv[1]
files = sorted(f for f in os.listdir(out) if f.endswith(".csv"))
if not files:
    print("check-xlsx: libreoffice wrote no CSV", file=sys.stderr)
    sys.exit(2)

def records(text):
    """Tab-separated records of (value, was_quoted) fields."""
    recs, rec, field, quoted, inq, i = [], [], [], False, False, 0
    while i < len(text):
        c = text[i]
        if inq:
            if c == '"':
                if i + 1 < len(text) and text[i + 1] == '"':
                    field.append('"'); i += 1
                else:
                    inq = False
            else:
                field.append(c)
        elif c == '"':
            inq, quoted = True, True
        elif c == "\t":
            rec.append(("".join(field), quoted)); field, quoted = [], False
        elif c == "\n":
            rec.append(("".join(field), quoted)); recs.append(rec); rec, field, quoted = [], [], False
        elif c != "\r":
            field.append(c)
        i += 1
    if field or rec:
        rec.append(("".join(field), quoted)); recs.append(rec)
    return recs

INVOICE_HEADER = ["invoice_id", "customer_id", "customer_name", "amount", "currency", "issue_date",
                  "due_date", "days_overdue", "p_late", "anomaly_score", "anomaly_flags", "risk_tier",
                  "priority", "reasons"]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?$")

def kind(name):
    if name == "as_of" or name.endswith("_date"):
        return "date"
    if name in ("amount", "days_overdue", "p_late", "anomaly_score", "priority", "oldest_days_overdue") \
            or name.endswith("_amount") or name.endswith("_count"):
        return "number"
    return "text"

problems = 0
def fail(msg):
    global problems
    problems += 1
    print("FAIL " + msg)

sheet_names = []
for f in files:
    # book-invoices.csv for a per-sheet export; book.csv when only the first sheet was written.
    sheet = f[len("book-"):-4] if f.startswith("book-") else "(first sheet)"
    sheet_names.append(sheet)
    with open(os.path.join(out, f), encoding="utf-8-sig") as h:
        recs = [r for r in records(h.read()) if r != [("", False)]]
    if not recs:
        fail(f"{sheet}: empty sheet"); continue
    header = [v for v, _ in recs[0]]
    if not all(q for _, q in recs[0]):
        fail(f"{sheet}: header cells are not all text")
    if sheet in ("invoices", "(first sheet)") and header != INVOICE_HEADER:
        fail(f"{sheet}: header is {header}, expected {INVOICE_HEADER}")
    counts = {"number": 0, "date": 0, "text": 0}
    for n, rec in enumerate(recs[1:], start=2):
        for col, (value, quoted) in zip(header, rec):
            k = kind(col)
            if value == "":
                continue
            where = f"{sheet}: row {n}: {col}"
            if k == "date":
                if quoted:
                    fail(f"{where}: date came back as text {value!r}")
                elif not DATE.match(value):
                    fail(f"{where}: date came back as {value!r} (a serial number or another format)")
            elif k == "number":
                if quoted or not NUMBER.match(value):
                    fail(f"{where}: number came back as {'text ' if quoted else ''}{value!r}")
            elif not quoted:
                fail(f"{where}: text came back unquoted (read as a number or date?) {value!r}")
            counts[k] += 1
    print(f"sheet {sheet}: {len(recs) - 1} rows, {len(header)} columns; checked "
          f"{counts['number']} number, {counts['date']} date, {counts['text']} text cells")
    print(f"  header: {' ¦ '.join(header)}")
    if len(recs) > 1:
        print(f"  row 2:  {' ¦ '.join(v for v, _ in recs[1])}")

print(f"sheets converted: {', '.join(sheet_names)}")
if problems:
    print(f"check-xlsx: {problems} problem(s)")
    sys.exit(1)
print("check-xlsx: OK")
PY
