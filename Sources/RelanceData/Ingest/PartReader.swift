import Foundation

/// A reader of a contiguous run of a file's rows, which a second thread can run on the second
/// half of a large file (``InvoicePartReader``, ``EventPartReader``).
protocol PartReader: AnyObject {
    /// Reads rows until the end of the file or, with `limit`, until the next record would start
    /// at or past byte `limit`; returns whether it stopped exactly at `limit`.
    @discardableResult func read(_ r: TableReader, stopAt limit: Int?) -> Bool
}

extension LoadSession {
    /// Reads the rest of `r` into `first`, on two threads when the file is large enough and
    /// `splittable`: a second reader made by `makeSecond(split)` reads from the first line start
    /// past the middle while `first` reads up to it. `merge(second, lineOffset)` appends the
    /// second part when the split fell on a record boundary and returns whether it did (it may
    /// refuse, e.g. on a duplicate id across the halves); otherwise `first` reads on to the end
    /// and the second part's work is dropped. Either way the result is that of a single pass.
    /// Returns whether the halves were merged.
    func readInHalves<Reader: PartReader>(
        _ r: TableReader, url: URL, into first: Reader, splittable: Bool = true,
        makeSecond: (_ split: Int) -> Reader, merge: (_ second: Reader, _ lineOffset: Int) -> Bool
    ) -> Bool {
        guard splittable, let split = parallelSplit(r, url: url, fileSize: r.scanner.fileSize),
              let secondReader = try? r.part(startingAt: split, url: url) else {
            first.read(r, stopAt: nil)
            return false
        }
        let second = makeSecond(split)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { second.read(secondReader, stopAt: nil) }
        let atSplit = first.read(r, stopAt: split)
        group.wait()
        let merged = atSplit && merge(second, r.scanner.linesConsumed)
        if !merged { first.read(r, stopAt: nil) }
        return merged
    }
}
