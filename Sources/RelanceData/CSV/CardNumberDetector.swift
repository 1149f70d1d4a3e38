/// Spots payment card numbers (PANs) in CSV fields so that the file can be refused.
///
/// Why: card numbers must never enter Relance's stores, logs or outputs (PCI DSS). A suspected PAN
/// is 13 to 19 digits, possibly grouped with single spaces or dashes, passing the Luhn check. It
/// is looked for as the whole field and also inside free text ("paid by card 4111 1111 1111 1111"):
/// every maximal run of digits, spaces and dashes that starts and ends with a digit is checked,
/// and so is every plain digit group within it. Dates, amounts and ordinary ids contain other
/// characters or are too short, so they are not flagged; a purely numeric id of 13–19 digits
/// passes Luhn one time in ten, and such ids are refused too (prefix them). The caller names the
/// column and line but must never print the field.
enum CardNumberDetector {
    @inline(__always) static func looksLikeCardNumber(_ b: UnsafeRawBufferPointer) -> Bool {
        // Fields shorter than 13 bytes cannot hold 13 digits: the common case costs one compare.
        guard b.count >= 13 else { return false }
        return containsCandidate(b)
    }

    private static func containsCandidate(_ b: UnsafeRawBufferPointer) -> Bool {
        let n = b.count
        var i = 0
        while i < n {
            guard b[i] &- 48 < 10 else { i += 1; continue }
            // A run starts at a digit; it ends before a byte that is not a digit, space or dash,
            // or before a doubled separator. Checked in place: no digit array is built (this runs
            // on every long field of every file).
            var groupStart = i
            var grouped = false
            var j = i
            while j < n {
                let c = b[j]
                if c &- 48 < 10 {
                    j += 1
                    continue
                }
                if (c == 32 || c == 45), j + 1 < n, b[j + 1] &- 48 < 10 {
                    // A plain digit group ends here.
                    if luhnCandidate(b, groupStart, j) { return true }
                    groupStart = j + 1
                    grouped = true
                    j += 1
                    continue
                }
                break
            }
            if grouped, luhnCandidate(b, groupStart, j) { return true }
            if luhnCandidate(b, i, j) { return true }
            i = j + 1
        }
        return false
    }

    /// Whether the digits of `b[from..<to]` (separators skipped) are 13–19 digits passing Luhn.
    @inline(__always) private static func luhnCandidate(_ b: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> Bool {
        guard to - from >= 13 else { return false }
        var sum = 0
        var count = 0
        var k = to - 1
        while k >= from {
            let d = b[k] &- 48
            if d < 10 {
                var v = Int(d)
                if count & 1 == 1 { v *= 2; if v > 9 { v -= 9 } }
                sum += v
                count += 1
            }
            k -= 1
        }
        return count >= 13 && count <= 19 && sum % 10 == 0
    }
}
