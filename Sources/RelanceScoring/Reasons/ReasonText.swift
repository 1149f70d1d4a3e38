import RelanceData

/// Plain-language sentences for ``Reason``s, in English or formal French.
///
/// The wording follows the reason's sign: a driver with a negative contribution lowers the risk and
/// is written from that side (on-time counts instead of late counts) and ends with "(lowers the
/// risk)" / "(diminue le risque)", so a reader never mistakes a favourable fact for a warning.
/// Numbers use each language's conventions (`3.1` / `3,1`, `1,234.50 EUR` / `1 234,50 EUR`).
/// A code this version does not know is shown as the code (with its detail), never dropped.
///
/// ```swift
/// ReasonText.render(reason, language: .fr)  // "4 de ses 12 factures précédentes réglées en retard"
/// ```
public enum ReasonText {
    public static func render(_ reason: Reason, language: ReasonLanguage) -> String {
        ByteWriter.string { append(reason, language: language, to: &$0) }
    }

    /// Appends the UTF-8 bytes of ``render(_:language:)`` to `bytes`, for writers that produce
    /// files as bytes: no `String` is built for the sentence.
    public static func append(_ reason: Reason, language: ReasonLanguage, to bytes: inout [UInt8]) {
        ByteWriter.append(to: &bytes) { append(reason, language: language, to: &$0) }
    }

    /// ``append(_:language:to:)`` through a ``ByteWriter``.
    public static func append(_ reason: Reason, language: ReasonLanguage, to out: inout ByteWriter) {
        var writer = ReasonSentenceWriter(language: language, out: out)
        writer.write(reason)
        out = writer.out
    }

    /// Appends the sentences of `reasons`, `separator` between two, to `bytes`: what appending
    /// each with ``append(_:language:to:)`` and the separator between gives.
    public static func append(
        _ reasons: [Reason], separator: StaticString, language: ReasonLanguage, to bytes: inout [UInt8]
    ) {
        ByteWriter.append(to: &bytes) { append(reasons, separator: separator, language: language, to: &$0) }
    }

    /// ``append(_:separator:language:to:)`` through a ``ByteWriter``, with one sentence writer for
    /// the whole list and no copy of the reasons (the daily risk list writes its reasons column
    /// straight into the file's buffer with this).
    public static func append(
        _ reasons: [Reason], separator: StaticString, language: ReasonLanguage, to out: inout ByteWriter
    ) {
        if reasons.isEmpty { return }
        var writer = ReasonSentenceWriter(language: language, out: out)
        reasons.withUnsafeBufferPointer { list in
            for k in list.indices {
                if k > 0 { writer.out.append(separator) }
                writer.write(list[k])
            }
        }
        out = writer.out
    }

    /// The renderer the export layer's writers take (`RiskList.csv(renderReason:)`).
    public static func renderer(_ language: ReasonLanguage) -> @Sendable (Reason) -> String {
        { render($0, language: language) }
    }
}
