/// The `YYYY-MM-DD` bytes of every day in a range, computed once.
///
/// Formatting a date through `Day.iso` allocates strings; with three dates per invoice and a
/// million invoices that dominates the writing time, so the writer copies ten bytes from here.
struct DayTextTable {
    let first: Int32
    let count: Int
    private var bytes: [UInt8]

    init(from first: Day, through last: Day) {
        self.first = first.raw
        count = max(0, last - first + 1)
        bytes = [UInt8](repeating: 0, count: count * 10)
        for i in 0..<count {
            let (y, m, d) = (first + i).civil
            let base = i * 10
            bytes[base] = UInt8(48 + (y / 1000) % 10)
            bytes[base + 1] = UInt8(48 + (y / 100) % 10)
            bytes[base + 2] = UInt8(48 + (y / 10) % 10)
            bytes[base + 3] = UInt8(48 + y % 10)
            bytes[base + 4] = 45
            bytes[base + 5] = UInt8(48 + m / 10)
            bytes[base + 6] = UInt8(48 + m % 10)
            bytes[base + 7] = 45
            bytes[base + 8] = UInt8(48 + d / 10)
            bytes[base + 9] = UInt8(48 + d % 10)
        }
    }

    /// Writes the ten bytes of `day` at `out` and returns how many bytes were written; days
    /// outside the table fall back to `Day.iso`.
    @inline(__always) func write(_ day: Int32, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let i = Int(day) - Int(first)
        if i >= 0 && i < count {
            bytes.withUnsafeBufferPointer { p in
                out.update(from: p.baseAddress! + i * 10, count: 10)
            }
            return 10
        }
        var n = 0
        for b in Day(raw: day).iso.utf8 {
            out[n] = b
            n += 1
        }
        return n
    }
}
