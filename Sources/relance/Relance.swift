import ArgumentParser
import LinearAlgebra

/// The `relance` command: each subcommand only parses arguments and wires the library layers.
@main
struct Relance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relance",
        abstract: "Predict late payments, flag anomalous invoices and plan humane collections outreach.",
        version: "0.1.0",
        subcommands: [
            // Each subcommand lives in its own file.
            AnomaliesCommand.self,
            CheckCommand.self,
            FeaturesCommand.self,
            GenerateCommand.self,
            InitCommand.self,
            RecordCommand.self,
            ScoreCommand.self,
            TrainCommand.self,
            PlanCommand.self,
            ReportCommand.self,
            DailyCommand.self,
        ]
    )

    /// Parks OpenBLAS's busy-waiting workers before any command runs (see
    /// ``BLASThreads/parkIdleWorkers()``); the commands that do matrix work wake them on use.
    static func main() {
        BLASThreads.parkIdleWorkers()
        main(nil)
    }
}
