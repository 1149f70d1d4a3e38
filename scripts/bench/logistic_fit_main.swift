// One-shot timing of LogisticRegression.fit on a synthetic n×p design (built by
// scripts/bench_logistic_fit.sh with swiftc -O; not part of the package).
import Foundation
import LinearAlgebra

@main
struct LogisticBench {
    static func main() throws {
        let arguments = CommandLine.arguments
        let n = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
        let p = arguments.count > 2 ? Int(arguments[2]) ?? 30 : 30

        var state: UInt64 = 0x5EED
        func uniform() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        // Features on mixed scales (means up to 1000), labels from a logistic model.
        var values = [Double](repeating: 0, count: n * p)
        var labels = [Double](repeating: 0, count: n)
        let beta: [Double] = (0..<p).map { (j: Int) -> Double in
            let sign: Double = j % 2 == 0 ? 1 : -1
            return sign * 0.3 / Double(1 + j % 5)
        }
        for i in 0..<n {
            var eta = -1.0
            for j in 0..<p {
                let z = uniform() + uniform() + uniform() - 1.5
                values[i * p + j] = Double(j * 37) + Double(1 + j % 4) * z
                eta += beta[j] * z * 2
            }
            labels[i] = uniform() < 1 / (1 + exp(-eta)) ? 1 : 0
        }
        let x = DenseMatrix(rows: n, columns: p, values: values)
        let names = (0..<p).map { "f\($0)" }

        func cpuSeconds() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
                + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        }
        let clock = ContinuousClock()
        let cpuStart = cpuSeconds()
        var iterationsSeen = 0
        let start = clock.now
        let model = try LogisticRegression.fit(x, labels: labels, featureNames: names) { iteration, _ in iterationsSeen = iteration }
        let elapsed = clock.now - start
        let cpu = cpuSeconds() - cpuStart
        let r = model.report
        print("n=\(n) p=\(p): fit \(elapsed) wall, \(cpu) s CPU (all threads) — \(r.iterations) iterations, converged \(r.converged), log-likelihood \(r.logLikelihood), gradient norm \(r.gradientNorm), progress calls \(iterationsSeen)")
        let t2 = clock.now
        let probabilities = try model.probabilities(for: x, featureNames: names)
        print("scoring \(n) rows: \(clock.now - t2) (mean p \(probabilities.reduce(0, +) / Double(n)))")
    }
}
