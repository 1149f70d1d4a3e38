import RelanceData

/// Writes the reasons of many rows, one list after another, in one language: what
/// ``ReasonText/append(_:separator:language:to:)`` writes for each list.
///
/// Why: the daily risk list writes the reasons of some hundred thousand invoices in a row; a
/// list writer keeps, from one row to the next, what it learnt about each reason code (a
/// ``ReasonCodeCache``), instead of classifying every code from its bytes. Use one per thread.
public struct ReasonListWriter {
    private let language: ReasonLanguage
    private let codes = ReasonCodeCache()

    public init(language: ReasonLanguage) {
        self.language = language
    }

    /// Appends the sentences of `reasons`, `separator` between two, to `out`.
    public mutating func append(_ reasons: [Reason], separator: StaticString, to out: inout ByteWriter) {
        if reasons.isEmpty { return }
        var writer = ReasonSentenceWriter(language: language, out: out)
        reasons.withUnsafeBufferPointer { list in
            guard let first = list.baseAddress else { return }
            for k in 0..<list.count {
                if k > 0 { writer.out.append(separator) }
                let reason = ReasonInPlace(first + k)
                writer.write(reason, kind: codes.kind(of: reason))
            }
        }
        out = writer.out
    }
}
