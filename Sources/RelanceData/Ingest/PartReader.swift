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
        finishInHalves(r, into: first, second: startSecondHalf(r, url: url, splittable: splittable, makeSecond: makeSecond), merge: merge)
    }

    /// The first step of ``readInHalves(_:url:into:splittable:makeSecond:merge:)``: starts the
    /// second reader on its own thread and returns at once (nil when the file is read in one
    /// pass), so that this thread can do other work before reading the first half.
    ///
    /// `firstPartHeadStart` is work this thread does before reading the first half, in bytes of
    /// this file it is worth: the first half is made that much shorter, so both end together.
    func startSecondHalf<Reader: PartReader>(
        _ r: TableReader, url: URL, splittable: Bool, firstPartHeadStart: Int = 0, makeSecond: (_ split: Int) -> Reader
    ) -> SecondHalf<Reader>? {
        guard splittable, let split = parallelSplit(r, url: url, fileSize: r.scanner.fileSize, firstPartHeadStart: firstPartHeadStart),
              let secondReader = try? r.part(startingAt: split, url: url) else { return nil }
        let second = SecondHalf(reader: makeSecond(split), split: split)
        DispatchQueue.global().async(group: second.done) { second.reader.read(secondReader, stopAt: nil) }
        return second
    }

    /// The second step: reads the first half into `first` (everything, without a second half),
    /// waits for the second and merges it when that equals a single pass.
    func finishInHalves<Reader: PartReader>(
        _ r: TableReader, into first: Reader, second: SecondHalf<Reader>?,
        merge: (_ second: Reader, _ lineOffset: Int) -> Bool
    ) -> Bool {
        guard let second else {
            first.read(r, stopAt: nil)
            return false
        }
        let atSplit = first.read(r, stopAt: second.split)
        second.done.wait()
        let merged = atSplit && merge(second.reader, r.scanner.linesConsumed)
        if !merged { first.read(r, stopAt: nil) }
        return merged
    }
}

/// A reader of a file's second half running on another thread (see
/// ``LoadSession/startSecondHalf(_:url:splittable:firstPartHeadStart:makeSecond:)``).
final class SecondHalf<Reader: PartReader>: @unchecked Sendable {
    let reader: Reader
    /// Byte offset where the second half starts.
    let split: Int
    /// Left when the second reader is done.
    let done = DispatchGroup()

    init(reader: Reader, split: Int) {
        self.reader = reader
        self.split = split
    }
}
