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
            // or before a doubled separator.
            var digits: [UInt8] = []
            var groupStart = 0
            var j = i
            while j < n {
                let c = b[j]
                let d = c &- 48
                if d < 10 {
                    digits.append(d)
                    j += 1
                    continue
                }
                if (c == 32 || c == 45), j + 1 < n, b[j + 1] &- 48 < 10 {
                    // A plain digit group ends here.
                    if check(digits[groupStart...]) { return true }
                    groupStart = digits.count
                    j += 1
                    continue
                }
                break
            }
            if groupStart > 0, check(digits[groupStart...]) { return true }
            if check(digits[...]) { return true }
            i = j + 1
        }
        return false
    }

    @inline(__always) private static func check(_ digits: ArraySlice<UInt8>) -> Bool {
        guard digits.count >= 13, digits.count <= 19 else { return false }
        var sum = 0
        var double = false
        for d in digits.reversed() {
            var v = Int(d)
            if double { v *= 2; if v > 9 { v -= 9 } }
            sum += v
            double.toggle()
        }
        return sum % 10 == 0
    }
}
