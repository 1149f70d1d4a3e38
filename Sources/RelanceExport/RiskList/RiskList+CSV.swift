import Foundation
import RelanceData

extension RiskList {
    /// The risk list as CSV text (RFC 4180 quoting, `\n` line ends), one row per invoice with the
    /// columns of ``RiskListColumns/invoices``.
    ///
    /// `anomaly_flags` are joined with `;` and the rendered reasons with ` | `. Dates are ISO
    /// `YYYY-MM-DD`; `amount` is written exactly as held, `p_late` and `anomaly_score` with 4
    /// decimals and `priority` with 2; values that are not finite become empty fields.
    ///
    /// Free-text fields a person typed in the ERP (`customer_name`, `reasons`) that start with
    /// `=`, `+`, `-`, `@`, tab or CR are prefixed with `'` so a spreadsheet opening the file does not
    /// run them as formulas (CSV injection); ids are left untouched so joins still work.
    ///
    /// - Parameters:
    ///   - renderReason: turns a reason into a sentence (the scoring layer's wording).
    ///   - byteOrderMark: start with a UTF-8 BOM, which Excel needs to read accented names
    ///     correctly when the file is opened by double-click; leave off for programs.
    ///
    /// Rows are formatted in a few chunks on separate cores when the list is long, so
    /// `renderReason` may be called from several threads at once: it must be a pure function of
    /// the reason (``ReasonText/renderer(_:)`` is).
    public func csv(renderReason: ReasonRenderer, byteOrderMark: Bool = false) -> String {
        withoutActuallyEscaping(renderReason) { render in
            Self.text(of: csvChunks(reasons: .rendered(render), byteOrderMark: byteOrderMark))
        }
    }

    /// Writes ``csv(renderReason:byteOrderMark:)`` atomically to `url`, in blocks like
    /// ``writeCSV(to:language:byteOrderMark:)``.
    public func writeCSV(to url: URL, renderReason: ReasonRenderer, byteOrderMark: Bool = false) throws {
        try withoutActuallyEscaping(renderReason) { render in
            try writeCSVBlocks(to: url, reasons: .rendered(render), byteOrderMark: byteOrderMark)
        }
    }

    /// The risk list as CSV text with the reasons in the scoring layer's wording in `language`:
    /// the same text as ``csv(renderReason:byteOrderMark:)`` given `ReasonText.renderer(language)`.
    ///
    /// Prefer this (and ``writeCSV(to:language:byteOrderMark:)``) for the standard wording: the
    /// sentences are then written as bytes straight into the file's buffers
    /// (``ReasonText/append(_:language:to:)``) instead of one `String` per reason, which was most of
    /// the cost of writing the daily list.
    public func csv(language: ReasonLanguage, byteOrderMark: Bool = false) -> String {
        Self.text(of: csvChunks(reasons: .written(language), byteOrderMark: byteOrderMark))
    }

    /// Writes ``csv(language:byteOrderMark:)`` atomically to `url`.
    ///
    /// The rows are formatted in blocks on a few cores, each block written as soon as the blocks
    /// before it are (``AtomicFile/write(blockCount:to:fill:)``): the file is never held in memory.
    public func writeCSV(to url: URL, language: ReasonLanguage, byteOrderMark: Bool = false) throws {
        try writeCSVBlocks(to: url, reasons: .written(language), byteOrderMark: byteOrderMark)
    }

    /// The rows formatted in blocks of ``writeBlockRows`` on a few cores, written in order.
    private func writeCSVBlocks(to url: URL, reasons: CSVReasons, byteOrderMark: Bool) throws {
        let n = invoices.count
        let blockRows = Self.writeBlockRows
        let blocks = max(1, (n + blockRows - 1) / blockRows)
        let reasons = UncheckedSendableReasons(reasons)
        try invoices.withUnsafeBufferPointer { rows in
            let all = UncheckedSendableRows(rows)
            try AtomicFile.write(blockCount: blocks, to: url) { k, out in
                if k == 0 { Self.appendCSVHeader(byteOrderMark: byteOrderMark, to: &out) }
                let range = (k * blockRows)..<min((k + 1) * blockRows, n)
                Self.appendCSVRows(all.buffer, range, reasons: reasons.value, to: &out)
            }
        }
    }

    /// Rows per block of ``writeCSV(to:language:byteOrderMark:)``: about a megabyte of CSV, small
    /// enough to stay in cache between formatting and writing, large enough that handing blocks
    /// over costs nothing measurable.
    static let writeBlockRows = 4096

    private static func text(of chunks: [CSVBuffer]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chunks.reduce(0) { $0 + $1.count })
        for chunk in chunks { chunk.withUnsafeBytes { bytes.append(contentsOf: $0) } }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// How the reasons column is produced.
    enum CSVReasons {
        /// By the caller's renderer, one `String` per reason.
        case rendered(ReasonRenderer)
        /// By the scoring layer's wording, written as bytes.
        case written(ReasonLanguage)
    }

    /// The CSV as consecutive byte chunks (header first), written straight into buffers (the daily
    /// hot path: no string per number, date or joined list, see ``CSVBuffer``). Long lists are
    /// split into one chunk of rows per core, formatted in parallel.
    func csvChunks(reasons: CSVReasons, byteOrderMark: Bool) -> [CSVBuffer] {
        var header = CSVBuffer(reservingCapacity: 256)
        Self.appendCSVHeader(byteOrderMark: byteOrderMark, to: &header)
        let n = invoices.count
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, n / 10_000))
        var chunks = [CSVBuffer](repeating: CSVBuffer(reservingCapacity: 0), count: parts)
        invoices.withUnsafeBufferPointer { rows in
            chunks.withUnsafeMutableBufferPointer { chunks in
                let out = UncheckedSendableChunks(chunks)
                let all = UncheckedSendableRows(rows)
                let reasons = UncheckedSendableReasons(reasons)
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    let range = (n * part / parts)..<(n * (part + 1) / parts)
                    out.buffer[part] = Self.csvRows(all.buffer, range, reasons: reasons.value)
                }
            }
        }
        return [header] + chunks
    }

    /// The header row (after a byte order mark when asked).
    private static func appendCSVHeader(byteOrderMark: Bool, to out: inout CSVBuffer) {
        if byteOrderMark { out.appendByteOrderMark() }
        for name in RiskListColumns.invoices { out.appendField(name) }
        out.endRow()
    }

    /// CSV rows `range` of `rows`.
    private static func csvRows(
        _ rows: UnsafeBufferPointer<ScoredInvoice>, _ range: Range<Int>, reasons reasonWriting: CSVReasons
    ) -> CSVBuffer {
        var out = CSVBuffer(reservingCapacity: 320 * range.count)
        appendCSVRows(rows, range, reasons: reasonWriting, to: &out)
        return out
    }

    /// Appends CSV rows `range` of `rows` to `out`, through one ``ByteWriter`` for all of them
    /// (no uniqueness check or array bookkeeping per field) and reading each row in place.
    private static func appendCSVRows(
        _ rows: UnsafeBufferPointer<ScoredInvoice>, _ range: Range<Int>, reasons reasonWriting: CSVReasons,
        to out: inout CSVBuffer
    ) {
        guard let first = rows.baseAddress, !range.isEmpty else { return }
        let days = out.dayCache()
        var reasonLists: ReasonListWriter?
        if case .written(let language) = reasonWriting { reasonLists = ReasonListWriter(language: language) }
        out.withUnsafeWriter { w in
            var rendered: [String] = []
            let comma = UInt8(ascii: ",")
            for i in range {
                let row = first + i
                w.appendCSVText(row.pointee.invoiceId, guardFormula: false)
                w.append(comma)
                w.appendCSVText(row.pointee.customerId, guardFormula: false)
                w.append(comma)
                w.appendCSVText(row.pointee.customerName, guardFormula: true)
                w.append(comma)
                w.appendCSVExactAmount(row.pointee.amount)
                w.append(comma)
                w.appendCSVText(row.pointee.currency, guardFormula: false)
                w.append(comma)
                w.appendISODay(row.pointee.issueDate, cache: days)
                w.append(comma)
                w.appendISODay(row.pointee.dueDate, cache: days)
                w.append(comma)
                w.appendDecimalDigits(of: row.pointee.daysOverdue)
                w.append(comma)
                w.appendCSVFixed(row.pointee.pLate, decimals: 4)
                w.append(comma)
                w.appendCSVFixed(row.pointee.anomalyScore, decimals: 4)
                w.append(comma)
                // The separators are RiskListColumns.flagSeparator and .reasonSeparator.
                w.appendCSVJoined(row.pointee.anomalyFlags, separator: ";", guardFormula: false)
                w.append(comma)
                w.append(Self.csvText(of: row.pointee.riskTier))
                w.append(comma)
                w.appendCSVFixed(row.pointee.priority, decimals: 2)
                w.append(comma)
                switch reasonWriting {
                case .rendered(let renderReason):
                    rendered.removeAll(keepingCapacity: true)
                    for reason in row.pointee.reasons { rendered.append(renderReason(reason)) }
                    w.appendCSVJoined(rendered, separator: " | ", guardFormula: true)
                case .written:
                    // Straight into the file's buffer; quoted afterwards only if needed.
                    let start = w.count
                    reasonLists?.append(row.pointee.reasons, separator: " | ", to: &w)
                    w.finishCSVField(from: start, guardFormula: true)
                }
                w.append(10)
            }
        }
        out.startRow()
    }
}

extension RiskList {
    /// The `risk_tier` field: the tier's raw value (plain lowercase words, never quoted), as
    /// static bytes instead of a string scanned for quoting on every row.
    @inline(__always) static func csvText(of tier: RiskTier) -> StaticString {
        switch tier {
        case .low: return "low"
        case .medium: return "medium"
        case .high: return "high"
        case .critical: return "critical"
        }
    }
}

/// The chunk slots, each written by exactly one worker.
private struct UncheckedSendableChunks: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<CSVBuffer>
    init(_ buffer: UnsafeMutableBufferPointer<CSVBuffer>) { self.buffer = buffer }
}

/// The rows, read by every worker.
private struct UncheckedSendableRows: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<ScoredInvoice>
    init(_ buffer: UnsafeBufferPointer<ScoredInvoice>) { self.buffer = buffer }
}

/// The reasons column's producer: a language, or the caller's renderer (documented as callable
/// from several threads at once).
private struct UncheckedSendableReasons: @unchecked Sendable {
    let value: RiskList.CSVReasons
    init(_ value: RiskList.CSVReasons) { self.value = value }
}

/// Guards free text for spreadsheets that evaluate a cell starting with a formula character.
enum SpreadsheetText {
    static func guardFormula(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + s
        default: return s
        }
    }
}
