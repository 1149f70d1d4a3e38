import Testing
@testable import RelanceFeatures

/// The `promised:YYYY-MM-DD` convention of promise-to-pay notes.
@Suite struct PromiseNoteTests {
    @Test func promisedDayIsReadFromTheNote() {
        #expect(PreparedHistory.promisedDay(in: "promised:2024-03-05") == Day(year: 2024, month: 3, day: 5)!.raw)
        #expect(PreparedHistory.promisedDay(in: "call; promised:2024-03-05 ok") == Day(year: 2024, month: 3, day: 5)!.raw)
        #expect(PreparedHistory.promisedDay(in: "promised:2024-02-30") == nil)
        #expect(PreparedHistory.promisedDay(in: "promised:soon") == nil)
        #expect(PreparedHistory.promisedDay(in: "") == nil)
    }
}
