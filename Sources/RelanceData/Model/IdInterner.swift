/// Maps text identifiers (customer ids, currencies) to dense `Int32` codes and back.
///
/// Columnar tables store the code; joins and group-bys become array indexing. Codes are assigned
/// in first-seen order, so the same input always yields the same codes.
public struct IdInterner: Sendable {
    public private(set) var names: [String] = []
    private var codes: [String: Int32] = [:]
    /// Names from this index on were appended by ``appendNew(_:)`` and are not in `codes` yet.
    private var indexedCount = 0

    public init() {}

    public var count: Int { names.count }

    /// The code of `name`, adding it if new.
    @discardableResult
    public mutating func intern(_ name: String) -> Int32 {
        indexNewNames()
        // One hash for a new name (the usual case when interning a file's ids), two otherwise.
        let c = Int32(names.count)
        if let existing = codes.updateValue(c, forKey: name) {
            codes[name] = existing
            return existing
        }
        names.append(name)
        indexedCount = names.count
        return c
    }

    /// Adds a name the caller knows is new (the CSV readers check ids in their own byte-keyed
    /// table first) without hashing it as a `String` now; the name → code index catches up in
    /// one pass on the next ``intern(_:)`` or ``indexNewNames()``.
    ///
    /// Why: a file with 50,000 customers read by two threads interned each id twice, one
    /// `Dictionary` insertion at a time with its regrowths: 6% of reading invoices.csv.
    @discardableResult
    mutating func appendNew(_ name: String) -> Int32 {
        names.append(name)
        return Int32(names.count - 1)
    }

    /// Brings the name → code index up to date with names added by ``appendNew(_:)``.
    public mutating func indexNewNames() {
        guard indexedCount < names.count else { return }
        codes.reserveCapacity(names.count)
        for k in indexedCount..<names.count {
            // A name appended twice keeps its first code, as `intern` would have.
            if codes[names[k]] == nil { codes[names[k]] = Int32(k) }
        }
        indexedCount = names.count
    }

    /// The code of `name` if it has been seen.
    public func code(of name: String) -> Int32? {
        if let c = codes[name] { return c }
        // Names not indexed yet (only right after a load step, which indexes them before it
        // returns): looked up directly.
        guard indexedCount < names.count else { return nil }
        return names[indexedCount...].firstIndex(of: name).map { Int32($0) }
    }

    public func name(of code: Int32) -> String { names[Int(code)] }
}
