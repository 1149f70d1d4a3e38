/// A `[<file>.values.<column>]` table compiled for byte lookups: export value → canonical value.
///
/// Canonical values live in buffers owned by this object, so the spans handed to the row parser
/// stay valid for the whole load.
final class ValueTranslation {
    private var keys: [[UInt8]] = []
    private var values: [UnsafeMutableRawBufferPointer] = []

    init(_ map: [String: String]) {
        for (from, to) in map.sorted(by: { $0.key < $1.key }) {
            keys.append(Array(from.utf8))
            let bytes = Array(to.utf8)
            let buf = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
            buf.copyBytes(from: bytes)
            values.append(UnsafeMutableRawBufferPointer(rebasing: buf[0..<bytes.count]))
        }
    }

    deinit {
        for v in values where v.baseAddress != nil {
            v.deallocate()
        }
    }

    /// The canonical value for `b`, or `b` itself when the export value is not listed.
    func translate(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        for (i, k) in keys.enumerated() where k.count == b.count {
            if k.elementsEqual(b) { return UnsafeRawBufferPointer(values[i]) }
        }
        return b
    }
}
