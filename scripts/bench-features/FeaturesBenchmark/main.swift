// Times PointInTimeFeatureBuilder on a history written by make_history.py, and writes the columns
// the pandas peer also computes, for a cross-check. Built by run.sh in a throw-away package.
import Foundation
import RelanceFeatures

func column<T>(_ dir: String, _ name: String, as: T.Type) throws -> [T] {
    let data = try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent(name))
    return data.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
}

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: FeaturesBenchmark HISTORY_DIR [OUT_DIR or -] [REPEATS]\n".utf8))
    exit(2)
}
let dir = args[1]
let customer = try column(dir, "customer.i32", as: Int32.self)
let issue = try column(dir, "issue.i32", as: Int32.self)
let due = try column(dir, "due.i32", as: Int32.self)
let paid = try column(dir, "paid.i32", as: Int32.self)
let amount = try column(dir, "amount.f64", as: Double.self)
let method = try column(dir, "method.u8", as: UInt8.self)
let channel = try column(dir, "channel.u8", as: UInt8.self)

var dataset = Dataset()
let customers = Int(customer.max() ?? -1) + 1
for c in 0..<customers { dataset.customerIds.intern("C\(c)") }
let n = customer.count
dataset.invoices.reserveCapacity(n)
for i in 0..<n {
    dataset.invoices.append(
        invoiceId: "I\(i)", customer: customer[i], issueDate: Day(raw: issue[i]), dueDate: Day(raw: due[i]),
        paidDate: Day(raw: paid[i]).isMissing ? nil : Day(raw: paid[i]), amount: amount[i], currency: "EUR",
        paymentMethod: PaymentMethod(rawValue: method[i]) ?? .unknown,
        channel: InvoiceChannel(rawValue: channel[i]) ?? .unknown)
}

/// Wall and CPU seconds of `body`: the machine is shared, so CPU time is the fairer figure.
func seconds(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    func cpuNow() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    let t0 = DispatchTime.now().uptimeNanoseconds
    let c0 = cpuNow()
    try body()
    return (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9, cpuNow() - c0)
}

// The machine is shared: each step runs `repeats` times and the fastest run is reported.
let repeats = args.count >= 4 ? max(1, Int(args[3]) ?? 3) : 3
var builder: PointInTimeFeatureBuilder!
var matrix: FeatureMatrix!
var scoring: FeatureMatrix!
let rows = Array(0..<n)
let lastDay = Day(raw: issue.max() ?? 0)
var best = (prepare: (wall: Double.infinity, cpu: Double.infinity), compute: (wall: Double.infinity, cpu: Double.infinity),
            score: (wall: Double.infinity, cpu: Double.infinity))
var first = (wall: 0.0, cpu: 0.0)
for run in 0..<repeats {
    builder = nil
    matrix = nil
    scoring = nil
    let prepare = try seconds { builder = try PointInTimeFeatureBuilder(dataset) }
    let compute = try seconds { matrix = try builder.features(forInvoices: rows) }
    let score = try seconds { scoring = try builder.scoringFeatures(openAsOf: lastDay) }
    best.prepare = (min(best.prepare.wall, prepare.wall), min(best.prepare.cpu, prepare.cpu))
    best.compute = (min(best.compute.wall, compute.wall), min(best.compute.cpu, compute.cpu))
    best.score = (min(best.score.wall, score.wall), min(best.score.cpu, score.cpu))
    if run == 0 { first = (prepare.wall + compute.wall, prepare.cpu + compute.cpu) }
}
print(String(
    format: "swift (best of %d): %d rows x %d features: prepare %.3f s wall / %.3f s CPU, features %.3f s wall / %.3f s CPU; scoring %d open invoices %.3f s wall / %.3f s CPU",
    repeats, matrix.rowCount, matrix.columnCount, best.prepare.wall, best.prepare.cpu, best.compute.wall, best.compute.cpu,
    scoring.rowCount, best.score.wall, best.score.cpu))
print(String(
    format: "swift: prepare + features, first run %.3f s wall / %.3f s CPU, best run %.3f s wall / %.3f s CPU",
    first.wall, first.cpu, best.prepare.wall + best.compute.wall, best.prepare.cpu + best.compute.cpu))

if args.count >= 3 && args[2] != "-" {
    let out = URL(fileURLWithPath: args[2])
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    for j in 0..<matrix.columnCount {
        let col = matrix.column(j)
        try col.withUnsafeBytes { try Data($0).write(to: out.appendingPathComponent("\(matrix.featureNames[j]).f64")) }
    }
}
