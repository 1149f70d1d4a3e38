import Foundation

extension LoadSession {
    static let contactChannelLabels = LabelSet<ContactChannel>(ContactChannel.allCases.filter { $0 != .unknown }.map { ($0.label, $0) })

    /// Reads customers.csv into `dataset.customers`, interning its ids first so that customer codes
    /// `0..<customersFromMasterData` are the customers it lists.
    ///
    /// Personal fields (name, contact, email, phone) are kept as text and never quoted in messages.
    func readCustomers(_ url: URL) {
        guard let r = TableReader.open(url, file: .customers, mapping: mapping.customers, log: &log) else { return }
        guard let cId = r.index["customer_id"] else { return }
        let cName = r.index["name"], cContact = r.index["contact_name"], cEmail = r.index["email"]
        let cPhone = r.index["phone"], cLanguage = r.index["language"], cSince = r.index["customer_since"]
        let cPreferred = r.index["preferred_channel"], cOptOut = r.index["opt_out"], cSegment = r.index["segment"]
        noteIgnoredColumns(r)
        let rejectsIndex = startRejects(r)
        var seen = ByteKeyTable(capacity: 1024)
        var rows = 0
        let issuesBefore = log.total

        while r.nextRow(log: &log) {
            rows += 1
            let row = r.scanner.row
            func text(_ i: Int?) -> String { i.map { r.text(row, $0) } ?? "" }
            guard r.screenRow(row, log: &log) else { continue }
            if let ragged = r.raggedProblem(row) {
                reject(r, row, [RowProblem(column: "", message: ragged)], rejectsIndex: rejectsIndex, log: &log)
                continue
            }
            var problems: [RowProblem] = []
            let idBytes = r.value(row, cId)
            if idBytes.isEmpty { problems.append(RowProblem(column: r.columnName(cId), message: "is empty (every customer needs an id)")) }
            let since = LoadSession.optionalDate(r, row, cSince, &problems)
            let preferred = LoadSession.label(r, row, cPreferred, LoadSession.contactChannelLabels, what: "contact channel", &problems) ?? .unknown
            let optOut = LoadSession.optionalBool(r, row, cOptOut, &problems)
            var language = ""
            if let cLanguage {
                let b = r.value(row, cLanguage)
                if !b.isEmpty, !LoadSession.looksLikeLanguageTag(b) {
                    problems.append(RowProblem(column: r.columnName(cLanguage), message: "\(TableReader.quote(b)) is not a language tag (expected BCP-47 such as fr or en-GB)"))
                } else {
                    language = String(decoding: b, as: UTF8.self)
                }
            }
            if problems.isEmpty, let first = seen.insert(idBytes, value: Int32(row.line)) {
                problems.append(RowProblem(column: r.columnName(cId), message: "duplicate customer id \(TableReader.quote(idBytes)) (first on line \(first))"))
            }
            if !problems.isEmpty {
                reject(r, row, problems, rejectsIndex: rejectsIndex, log: &log)
                continue
            }
            let code = customerCode(idBytes)
            dataset.customers.append(
                customer: code, name: text(cName), contactName: text(cContact), email: text(cEmail),
                phone: text(cPhone), language: language, customerSince: since.isMissing ? nil : since,
                preferredChannel: preferred, optOut: optOut, segment: text(cSegment), sourceLine: row.line)
        }
        customersFromMasterData = Int32(dataset.customerIds.count)
        rowsRead[r.fileName] = rows
        if rows == 0, log.total == issuesBefore {
            warnings.append("\(r.fileName): no data rows (the file has a header only)")
        }
    }

    /// Letters, digits and dashes, starting with a letter (a light BCP-47 shape check).
    static func looksLikeLanguageTag(_ b: UnsafeRawBufferPointer) -> Bool {
        guard let first = b.first, (first | 0x20) >= 97, (first | 0x20) <= 122, b.count <= 35 else { return false }
        return b.allSatisfy { c in
            let l = c | 0x20
            return (l >= 97 && l <= 122) || (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_")
        }
    }
}
