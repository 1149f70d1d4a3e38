import Testing
@testable import RelanceModels

/// Time-based hold-out: the test rows are the most recently issued, and a day is never split.
@Suite struct LogisticTimeSplitTests {
    func days(_ raw: [Int32]) -> [Day] { raw.map { Day(raw: $0) } }

    @Test func testRowsAreIssuedOnOrAfterEveryTrainingRow() throws {
        var rng = SeededRandom(seed: 99)
        for trial in 0..<20 {
            let n = 50 + trial * 13
            let d = days((0..<n).map { _ in Int32(19000 + Int(rng.uniform() * 40)) })
            let (train, test) = try TimeSplit.holdOutLast(fraction: 0.2, orderedBy: d)
            #expect(!train.isEmpty && !test.isEmpty)
            #expect(Set(train).isDisjoint(with: test) && Set(train + test) == Set(0..<n))
            let latestTrain = train.map { d[$0].raw }.max() ?? .max, earliestTest = test.map { d[$0].raw }.min() ?? .min
            #expect(latestTrain < earliestTest, "a day must not straddle the split")
            #expect(train == train.sorted() && test == test.sorted())
        }
    }

    @Test func theSplitIsClosestToTheRequestedFractionWithoutBreakingADay() throws {
        // 10 rows; days: five on day 1, three on day 2, two on day 3.
        let d = days([2, 1, 1, 3, 1, 2, 1, 3, 2, 1])
        // 20 % → the two day-3 rows exactly.
        let (train, test) = try TimeSplit.holdOutLast(fraction: 0.2, orderedBy: d)
        #expect(test == [3, 7])
        #expect(train == [0, 1, 2, 4, 5, 6, 8, 9])
        // 40 % → 4 wanted; cutting at day 2 gives 5 (distance 1), at day 3 gives 2 (distance 2).
        #expect(try TimeSplit.holdOutLast(fraction: 0.4, orderedBy: d).test == [0, 3, 5, 7, 8])
    }

    @Test func impossibleSplitsAreRefused() throws {
        #expect(throws: ModelError.cannotSplit("all 3 rows were issued on the same day (\(Day(raw: 5)))")) {
            try TimeSplit.holdOutLast(fraction: 0.2, orderedBy: days([5, 5, 5]))
        }
        #expect(throws: ModelError.missingDate(row: 2)) {
            try TimeSplit.holdOutLast(fraction: 0.2, orderedBy: [Day(raw: 1), .missing, Day(raw: 3)])
        }
        #expect(throws: ModelError.self) { try TimeSplit.holdOutLast(fraction: 1, orderedBy: days([1, 2])) }
        #expect(throws: ModelError.self) { try TimeSplit.holdOutLast(fraction: 0.5, orderedBy: days([1])) }
    }
}
