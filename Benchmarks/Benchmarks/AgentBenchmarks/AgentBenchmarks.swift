// What the agent costs the app: create + 3 callbacks + fire on 1 and on 2 app threads with
// (a) no agent, (b) the agent started and no client attached, (c) one client attached, streaming
// every event and decoding it in a separate process. Run: `cd Benchmarks && swift package
// benchmark --target AgentBenchmarks`; same-run ratios: `python3 ratios.py --target AgentBenchmarks`.
import AgentBenchmarkSupport
import Benchmark
import DeferscopeAgent
import Synchronization

let benchmarks: @Sendable () -> Void = {
    // Setting (c) starts this executable again as its client; that process must not benchmark.
    StreamClient.runIfRequested()

    // A sample is 10,000 iterations on each app thread: long enough (milliseconds) that waking
    // the second thread, done once per sample, is lost in it.
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 5,
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 1_000
    )
    let twoThreads = WorkerThreads(count: 2)

    for threads in [1, 2] {
        for setting in AgentSetting.allCases {
            let name = "5 create+3 callbacks+fire x10k, \(threads) thread\(threads == 1 ? "" : "s"): \(setting.name)"
            Benchmark(name, configuration: configuration) { benchmark in
                for _ in benchmark.scaledIterations {
                    if threads == 1 {
                        blackHole(runWorkload(iterationsPerSample))
                    } else {
                        twoThreads.run { _ in blackHole(runWorkload(iterationsPerSample)) }
                    }
                }
            } setup: {
                try AgentSetting.current.withLock { try $0.begin(setting, benchmark: name) }
            } teardown: {
                AgentSetting.current.withLock { $0.end() }
            }
        }
    }
}

/// Iterations of the workload per sample and app thread.
let iterationsPerSample = 10_000

/// (a) no agent, (b) agent started with no client, (c) agent started with one client streaming.
enum AgentSetting: CaseIterable {
    case none
    case agentIdle
    case agentStreaming

    var name: String {
        switch self {
        case .none: return "no agent"
        case .agentIdle: return "agent, no client"
        case .agentStreaming: return "agent, 1 client streaming"
        }
    }

    /// The agent and client of the benchmark running now.
    struct Running: ~Copyable {
        var agent: BenchmarkAgent?
        var client: ClientProcess?
        var benchmark = ""

        mutating func begin(_ setting: AgentSetting, benchmark: String) throws {
            end()
            self.benchmark = benchmark
            guard setting != .none else { return }
            agent = try BenchmarkAgent()
            if setting == .agentStreaming, let agent {
                client = try ClientProcess(socketPath: agent.socketPath)
            }
        }

        /// Stops the client and the agent. What the client got goes to stderr: a setting (c)
        /// whose client lost events measured a stream that was partly off.
        mutating func end() {
            if let client {
                let counted = client.drain(expectedEvents: 0)
                let dropped = agent?.statistics?.droppedByAgent ?? 0
                let line = counted.map { "events \($0.events), lost \($0.lost)" } ?? "no report"
                printToStandardError("agent benchmark client: \(line); agent dropped \(dropped) (\(benchmark))")
            }
            client = nil
            agent?.stop()
            agent = nil
        }
    }

    static let current = Mutex(Running())
}
