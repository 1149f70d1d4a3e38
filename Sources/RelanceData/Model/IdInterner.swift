/// Maps text identifiers (customer ids, currencies) to dense `Int32` codes and back.
///
/// Columnar tables store the code; joins and group-bys become array indexing. Codes are assigned
/// in first-seen order, so the same input always yields the same codes.
public struct IdInterner: Sendable {
    public private(set) var names: [String] = []
    private var codes: [String: Int32] = [:]

    public init() {}

    public var count: Int { names.count }

    /// The code of `name`, adding it if new.
    @discardableResult
    public mutating func intern(_ name: String) -> Int32 {
        // One hash for a new name (the usual case when interning a file's ids), two otherwise.
        let c = Int32(names.count)
        if let existing = codes.updateValue(c, forKey: name) {
            codes[name] = existing
            return existing
        }
        names.append(name)
        return c
    }

    /// The code of `name` if it has been seen.
    public func code(of name: String) -> Int32? { codes[name] }

    public func name(of code: Int32) -> String { names[Int(code)] }
}
