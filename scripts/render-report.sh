#!/usr/bin/env bash
# Renders a Relance HTML report with headless Chromium, takes screenshots and checks the page.
#
#   scripts/render-report.sh FILE.html [OUT.png]
#
# Writes OUT.png (1280 px wide, whole page), OUT-print.png (800 px wide, whole page) and
# OUT-print.pdf (the browser's print output, A4, print CSS applied). OUT.png defaults to FILE.png.
# Exits non-zero when:
#   - the page logs a console.error, throws an uncaught error / unhandled rejection, or a resource
#     fails to load (the report must be self-contained);
#   - a section id listed in EXPECT_SECTIONS (default: "model portfolio worklist") is not in the DOM.
# Chromium comes from Debian's packages (apt-get) when missing.
#
# How errors are caught: a copy of the page is made beside it with a small capture script first in
# <head>; it records console.error calls and error events, and after `load` writes the count, the
# messages and the page height into a <meta> element that `--dump-dom` shows. The screenshots are
# taken of the original file, untouched.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 FILE.html [OUT.png]" >&2
  exit 2
fi
page="$1"
if [ ! -f "$page" ]; then
  echo "render-report: $page: no such file" >&2
  exit 2
fi
out="${2:-${page%.*}.png}"
print_png="${out%.png}-print.png"
print_pdf="${out%.png}-print.pdf"
expect="${EXPECT_SECTIONS:-model portfolio worklist}"

if ! command -v chromium >/dev/null 2>&1; then
  echo "render-report: installing chromium (Debian package)" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

page_abs="$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
work="$(mktemp -d)"
probe="$(dirname "$page_abs")/.$(basename "$page_abs" .html).probe-$$.html"
cleanup() { rm -rf "$work"; rm -f "$probe"; }
trap cleanup EXIT

chrome() {
  # A fresh profile per call: parallel runs do not fight over a profile lock.
  local profile
  profile="$(mktemp -d "$work/profile.XXXXXX")"
  timeout 120 chromium --headless --disable-gpu --no-sandbox --disable-dev-shm-usage --no-first-run \
    --hide-scrollbars --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@"
}

capture='<script>(function(){var errs=[];var oe=console.error;console.error=function(){errs.push("console.error: "+Array.prototype.map.call(arguments,String).join(" "));return oe.apply(console,arguments);};window.addEventListener("error",function(e){var t=e.target;if(t&&t!==window&&(t.src||t.href)){errs.push("failed to load: "+(t.src||t.href));}else{errs.push("uncaught: "+(e.message||"error"));}},true);window.addEventListener("unhandledrejection",function(e){errs.push("unhandled rejection: "+e.reason);});window.addEventListener("load",function(){setTimeout(function(){var m=document.createElement("meta");m.setAttribute("name","relance-check");m.setAttribute("data-errors",String(errs.length));m.setAttribute("data-messages",errs.join(" | "));m.setAttribute("data-height",String(Math.ceil(document.documentElement.scrollHeight)));document.head.appendChild(m);},50);});})();</script>'

# The capture script goes right after <head ...> (or first in the file when there is none).
if grep -qi '<head[ >]' "$page_abs"; then
  awk -v s="$capture" '!done && match($0, /<[Hh][Ee][Aa][Dd]( [^>]*)?>/) { $0 = substr($0, 1, RSTART+RLENGTH-1) s substr($0, RSTART+RLENGTH); done=1 } { print }' "$page_abs" > "$probe"
else
  { printf '%s\n' "$capture"; cat "$page_abs"; } > "$probe"
fi

# probe WIDTH → dumps the DOM at that width into $work/dom-WIDTH.html; prints the page height.
probe_at() {
  local width="$1" dom="$work/dom-$1.html"
  chrome --window-size="$width,1000" --virtual-time-budget=5000 --dump-dom "file://$probe" \
    >"$dom" 2>"$work/log-$width.txt" || { echo "render-report: chromium failed (see below)" >&2; cat "$work/log-$width.txt" >&2; exit 1; }
  local meta
  meta="$(grep -o '<meta name="relance-check"[^>]*>' "$dom" || true)"
  if [ -z "$meta" ]; then
    echo "render-report: the page did not finish loading at ${width}px (no check marker in the DOM)" >&2
    exit 1
  fi
  local errors messages height
  errors="$(sed -n 's/.*data-errors="\([0-9]*\)".*/\1/p' <<<"$meta")"
  messages="$(sed -n 's/.*data-messages="\([^"]*\)".*/\1/p' <<<"$meta")"
  height="$(sed -n 's/.*data-height="\([0-9]*\)".*/\1/p' <<<"$meta")"
  # Belt and braces: uncaught errors also show in Chromium's own console log.
  local logged
  logged="$(grep -E 'CONSOLE[^"]*"Uncaught' "$work/log-$width.txt" || true)"
  if [ "${errors:-0}" != 0 ] || [ -n "$logged" ]; then
    echo "render-report: $page logs errors at ${width}px: ${messages}" >&2
    [ -n "$logged" ] && echo "$logged" >&2
    exit 1
  fi
  echo "${height:-2000}"
}

h_wide="$(probe_at 1280)"
h_print="$(probe_at 800)"

missing=()
for id in $expect; do
  grep -Eq "<[a-z]+[^>]* id=\"$id\"" "$work/dom-1280.html" || missing+=("$id")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "render-report: $page: missing section(s): ${missing[*]}" >&2
  exit 1
fi

cap() { local h="$1"; if [ "$h" -gt 16000 ]; then echo "render-report: page is ${h}px tall; screenshot cut at 16000px" >&2; h=16000; fi; echo "$h"; }
h_wide="$(cap "$h_wide")"
h_print="$(cap "$h_print")"

shot() {
  local width="$1" height="$2" target="$3"
  chrome --window-size="$width,$height" --virtual-time-budget=5000 --screenshot="$target" "file://$page_abs" \
    >/dev/null 2>"$work/shot-$width.txt" || { cat "$work/shot-$width.txt" >&2; exit 1; }
  [ -s "$target" ] || { echo "render-report: no screenshot written to $target" >&2; exit 1; }
}
shot 1280 "$h_wide" "$out"
shot 800 "$h_print" "$print_png"
chrome --virtual-time-budget=5000 --no-pdf-header-footer --print-to-pdf="$print_pdf" "file://$page_abs" \
  >/dev/null 2>"$work/pdf.txt" || { cat "$work/pdf.txt" >&2; exit 1; }

echo "render-report: ok — sections: $expect"
echo "  $out (1280×$h_wide)"
echo "  $print_png (800×$h_print)"
echo "  $print_pdf"
