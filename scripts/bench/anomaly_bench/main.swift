// Benchmark of the anomaly pipeline on a synthetic book (compiled by scripts/bench/anomaly_bench.sh
// together with the library sources into one optimised module; not part of the package).
//
// Usage: anomaly_bench <customers> <months> [features.csv truth.csv]
// Prints the wall time of each stage; with the two paths, also writes the feature matrix and the
// injected anomalies (invoice_id,anomaly_kind) for scripts/bench/anomaly_peer.py.
import Foundation

struct BenchRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / Double(1 << 53) }
    mutating func gaussian() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }
}

/// Process CPU seconds (the machine is shared: wall time alone mostly measures the neighbours).
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

struct Stamp {
    let wall = ContinuousClock.now
    let cpu = cpuNow()
}

func seconds(_ start: Stamp) -> String {
    let d = ContinuousClock.now - start.wall
    let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    return String(format: "%.3f s wall, %.3f s CPU", s, cpuNow() - start.cpu)
}

/// Everything runs inside a function: loops over top-level globals are several times slower.
func run() {
    var args = CommandLine.arguments
    let t0 = Stamp()
    var customers = IdInterner()
    var invoices = InvoiceTable()
    var truth: [(String, String)] = []
    if args.count > 2 && args[1] == "--csv" {
        // Canonical invoices.csv (e.g. from the generator) and its truth/anomalies.csv.
        do {
            (customers, invoices) = try loadInvoices(args[2])
            truth = try loadTruth(args[3])
        } catch {
            print("error: \(error)")
            exit(1)
        }
        print("read \(invoices.count) invoices, \(customers.count) customers, \(truth.count) true anomalies in \(seconds(t0))")
        args = [args[0], "", ""] + Array(args.dropFirst(4))
    } else {
        generate(&customers, &invoices, &truth, args)
        print("generated \(invoices.count) invoices, \(customers.count) customers, \(truth.count) injected anomalies in \(seconds(t0))")
    }
    evaluate(customers, invoices, truth, args)
}

/// Bench-only reader of canonical invoices.csv (no quoted fields); the product's ingest lives elsewhere.
func loadInvoices(_ path: String) throws -> (IdInterner, InvoiceTable) {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    func col(_ n: String) -> Int? { header.firstIndex(of: n) }
    guard let id = col("invoice_id"), let cu = col("customer_id"), let iss = col("issue_date"), let due = col("due_date"),
          let am = col("amount") else { throw CocoaError(.fileReadCorruptFile) }
    let cur = col("currency"), met = col("payment_method")
    var customers = IdInterner()
    var t = InvoiceTable()
    t.reserveCapacity(lines.count)
    for (k, line) in lines.enumerated() {
        let f = line.split(separator: ",", omittingEmptySubsequences: false)
        guard let issue = Day(iso: String(f[iss])), let dueDay = Day(iso: String(f[due])), let amount = Double(f[am]) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: "\(path):\(k + 2)"])
        }
        t.append(invoiceId: String(f[id]), customer: customers.intern(String(f[cu])), issueDate: issue, dueDate: dueDay,
                 paidDate: nil, amount: amount, currency: cur.map { String(f[$0]) } ?? "EUR",
                 paymentMethod: met.flatMap { PaymentMethod(label: String(f[$0])) } ?? .unknown, sourceLine: k + 2)
    }
    return (customers, t)
}

func loadTruth(_ path: String) throws -> [(String, String)] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { l in
        let f = l.split(separator: ",")
        return (String(f[0]), f.count > 1 ? String(f[1]) : "")
    }
}

func generate(_ customers: inout IdInterner, _ invoices: inout InvoiceTable, _ truth: inout [(String, String)], _ args: [String]) {
    let customerCount = args.count > 1 ? Int(args[1]) ?? 20_000 : 20_000
    let months = args.count > 2 ? Int(args[2]) ?? 50 : 50
    invoices.reserveCapacity(customerCount * (months + 2))
    var rng = BenchRandom(state: 2026)
    let epoch = Day(year: 2022, month: 1, day: 1)!
    var next = 0
    let horizon = months * 30
    for c in 0..<customerCount {
        let code = customers.intern("C\(c)")
        let level = exp(6.5 + rng.gaussian())
        let noise = 0.05 + 0.3 * rng.uniform()
        let terms = [30, 30, 45, 60][Int(rng.uniform() * 4)]
        let fixedFee = rng.uniform() < 0.1
        var day = Int(rng.uniform() * Double(horizon) * 0.4)
        var k = 0
        while day < horizon {
            var amount = fixedFee ? (level / 100).rounded() * 100 + 100 : (level * exp(noise * rng.gaussian()) * 100).rounded() / 100
            var t = terms
            var kind: String?
            let u = rng.uniform()
            if k == 0 && rng.uniform() < 0.03 {
                amount = (amount * (8 + 12 * rng.uniform()) * 100).rounded() / 100; kind = "new_customer_large_first"
            } else if k >= 6 && u < 0.002 {
                amount = (amount * (6 + 14 * rng.uniform()) * 100).rounded() / 100; kind = "amount_spike"
            } else if k >= 6 && u < 0.004 {
                t = terms >= 60 ? 180 : 120; kind = "unusual_terms"
            } else if k >= 6 && u < 0.006 && !fixedFee {
                amount = max(1000, (amount / 1000).rounded() * 1000); kind = "round_amount"
            }
            next += 1
            let id = "INV-\(next)"
            invoices.append(invoiceId: id, customer: code, issueDate: epoch + day, dueDate: epoch + (day + t),
                            paidDate: nil, amount: amount, currency: "EUR", paymentMethod: .transfer, sourceLine: next + 1)
            if let kind { truth.append((id, kind)) }
            if k >= 3 && rng.uniform() < 0.002 {
                next += 1
                let dup = "INV-\(next)"
                invoices.append(invoiceId: dup, customer: code, issueDate: epoch + (day + Int(rng.uniform() * 4)),
                                dueDate: epoch + (day + t), paidDate: nil, amount: amount, currency: "EUR",
                                paymentMethod: .transfer, sourceLine: next + 1)
                truth.append((dup, "duplicate"))
            }
            day += 27 + Int(rng.uniform() * 7)
            k += 1
        }
    }
}

func evaluate(_ customers: IdInterner, _ invoices: InvoiceTable, _ truth: [(String, String)], _ args: [String]) {
    var t0 = Stamp()
    do {
        t0 = Stamp()
        let features = try AnomalyFeatures.compute(invoices, customerCount: customers.count)
        print("features (\(features.columns) columns): \(seconds(t0))")

        t0 = Stamp()
        let detector = try AnomalyDetector.fit(features)
        print("fit (sample \(detector.summary.fitRows) rows, p = \(detector.robustFeatures.count), \(detector.summary.concentrationSteps) C-steps): \(seconds(t0))")

        t0 = Stamp()
        let result = try detector.assess(features)
        print("assess (distances, rules, flags for all rows): \(seconds(t0))")

        let kinds = Dictionary(truth, uniquingKeysWith: { a, _ in a })
        var caught: [String: (Int, Int)] = [:]
        var normalFlagged = 0, normal = 0
        for (i, id) in features.invoiceIds.enumerated() {
            if let k = kinds[id] {
                var e = caught[k] ?? (0, 0)
                e.1 += 1
                if !result.flags[i].isEmpty { e.0 += 1 }
                caught[k] = e
            } else {
                normal += 1
                if !result.flags[i].isEmpty { normalFlagged += 1 }
            }
        }
        for (k, v) in caught.sorted(by: { $0.key < $1.key }) { print("  \(k): flagged \(v.0) of \(v.1)") }
    var onNormal: [String: Int] = [:], onAnomaly: [String: Int] = [:]
    for (i, id) in features.invoiceIds.enumerated() {
        for f in result.flags[i] {
            let name = String(f.split(separator: ":")[0]).replacingOccurrences(of: #"amount_\d+x_usual"#, with: "amount_Nx_usual", options: .regularExpression)
            if kinds[id] == nil { onNormal[name, default: 0] += 1 } else { onAnomaly[name, default: 0] += 1 }
        }
    }
    for name in Set(onNormal.keys).union(onAnomaly.keys).sorted() {
        print("  flag \(name): on anomalies \(onAnomaly[name] ?? 0), on normal invoices \(onNormal[name] ?? 0)")
    }
        print("  normal invoices flagged: \(normalFlagged) of \(normal) (\(String(format: "%.2f", 100 * Double(normalFlagged) / Double(normal))) %)")
        print("  unusual_profile threshold d² = \(String(format: "%.2f", detector.squaredDistanceThreshold)) (χ² 0.999 = \(String(format: "%.2f", ChiSquaredDistribution(degreesOfFreedom: Double(detector.robustFeatures.count)).quantile(0.999))))")

        if args.count > 4 {
            t0 = Stamp()
            try features.writeCSV(to: URL(fileURLWithPath: args[3]))
            var text = "invoice_id,anomaly_kind\n"
            for (id, k) in truth { text += "\(id),\(k)\n" }
            try AtomicFile.write(text, to: URL(fileURLWithPath: args[4]))
            var scores = "invoice_id,anomaly_score\n"
            for (i, id) in features.invoiceIds.enumerated() { scores += "\(id),\(result.anomalyScore[i])\n" }
            try AtomicFile.write(scores, to: URL(fileURLWithPath: args[3] + ".relance_scores.csv"))
            print("wrote \(args[3]), \(args[4]) and the Relance scores: \(seconds(t0))")
        }
    } catch {
        print("error: \(error)")
        exit(1)
    }
}

run()
