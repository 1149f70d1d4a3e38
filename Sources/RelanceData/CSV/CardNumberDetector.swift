/// Spots fields that look like a payment card number (PAN) so that the file can be refused.
///
/// Why: card numbers must never enter Relance's stores, logs or outputs (PCI DSS). A field is a
/// suspected PAN when, ignoring spaces and dashes, it is 13 to 19 digits that pass the Luhn check.
/// Any other character (letters, dots, slashes, colons) rules the field out, so dates, amounts and
/// ordinary ids are not flagged; a purely numeric id of 13–19 digits passes Luhn one time in ten,
/// and such ids would be refused too (rename or prefix them). The caller names the column and line
/// but must never print the field.
enum CardNumberDetector {
    @inline(__always) static func looksLikeCardNumber(_ b: UnsafeRawBufferPointer) -> Bool {
        let n = b.count
        // 13 digits at least; 19 digits with a separator between each at most.
        guard n >= 13, n <= 40 else { return false }
        let first = b[0] &- 48
        guard first < 10 else { return false }
        return luhnCandidate(b)
    }

    private static func luhnCandidate(_ b: UnsafeRawBufferPointer) -> Bool {
        var digits = [UInt8]()
        digits.reserveCapacity(19)
        for c in b {
            let d = c &- 48
            if d < 10 {
                guard digits.count < 19 else { return false }
                digits.append(d)
            } else if c != UInt8(ascii: " ") && c != UInt8(ascii: "-") {
                return false
            }
        }
        guard digits.count >= 13 else { return false }
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
