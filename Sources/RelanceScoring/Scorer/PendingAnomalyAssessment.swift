import Foundation
import RelanceData
import RelanceFeatures
import RelanceModels

/// The anomaly assessment of the invoices open on a day, started on another thread as soon as
/// the invoices are known (see ``OpenInvoiceScorer/startAnomalyAssessment(_:customerCount:asOf:)``).
///
/// Why: the anomaly features read only the invoices, while a daily run still has events.csv to
/// read and the payment history to prepare. Started early, the assessment fills the moments when
/// the reading leaves a core idle (merging the halves of a file, indexing invoice ids) instead of
/// competing for the cores later. ``OpenInvoiceScorer/score(_:asOf:anomalies:)`` uses it only when
/// it was made for exactly the rows it scores, and computes the assessment itself otherwise.
public final class PendingAnomalyAssessment: Sendable {
    /// The invoice rows assessed (the open invoices at ``asOf``, ascending).
    let rows: [Int]
    let asOf: Day
    private let result = BackgroundResult<AnomalyAssessment>()
    private let done = DispatchGroup()

    init(rows: [Int], asOf: Day, work: @escaping @Sendable () throws -> AnomalyAssessment) {
        self.rows = rows
        self.asOf = asOf
        let result = self.result
        DispatchQueue.global(qos: .userInitiated).async(group: done) {
            result.put(Result { try work() })
        }
    }

    /// Waits for the work and returns its outcome.
    func outcome() -> Result<AnomalyAssessment, Error>? {
        done.wait()
        return result.take()
    }

    /// Waits for the work, whatever its outcome (for callers that leave early).
    func wait() { done.wait() }
}
