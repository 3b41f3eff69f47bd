// Events per second from app threads to one attached client, for docs/performance.md ("The agent"):
//
//     swift run -c release AgentThroughput                      # everything below, 3 runs each
//     swift run -c release AgentThroughput --threads 2 --flat-out --seconds 10 --runs 3
//     swift run -c release AgentThroughput --threads 2 --rate 2000000 --seconds 10
//     swift run -c release AgentThroughput --threads 2 --find-max --search-seconds 5
//     AgentThroughput --profile 1000000 --setting idle   # a plain loop for perf / callgrind
//
// App threads run create + 3 callbacks + fire (9 events an iteration) for a fixed time, flat out
// or held to a target rate; the agent streams every event to one client, a separate process that
// decodes them (`AgentClient`) and counts them. A trial is lossless when the client received
// exactly the events made and neither the client (`AgentClient.totalLost`) nor the agent
// (`droppedByAgent`) counted a loss. Each trial starts a fresh agent and client.
//
// The VM is shared: a trial during which other processes used more than `--others` of a core
// (whole-machine busy time from /proc/stat, less this process and its client) measured them too.
// It is shown, marked "disturbed", and run again (up to 10 times); a trial starts only after a
// quiet second, and the summaries leave out any trial still disturbed.
import AgentBenchmarkSupport
import DeferscopeAgent
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

StreamClient.runIfRequested()

struct Options: Sendable {
    /// This run's options, from the command line.
    static let current = Options(Array(CommandLine.arguments.dropFirst()))

    /// `--threads 1,2`: the numbers of app threads to measure, one after the other.
    var threadCounts = [1, 2]
    /// `--seconds`: how long the app threads run in a flat-out or held trial.
    var seconds = 10.0
    /// `--runs`: trials (or searches) per measurement.
    var runs = 3
    /// `--flat-out`: app threads as fast as they go.
    var flatOut = false
    /// `--rate R` (repeatable): app threads held to R events per second in all.
    var rates: [Double] = []
    /// `--find-max`: bisect for the highest lossless rate, `--search-steps` trials of
    /// `--search-seconds` each, below the flat-out rate.
    var findMax = false
    var searchSteps = 5
    var searchSeconds = 5.0
    /// Cores other processes may use during a trial before it is run again.
    var others = 0.15
    /// Iterations of a plain loop on the main thread, for profilers; nil for the throughput runs.
    var profileIterations: Int?
    var setting = "none"

    init(_ arguments: [String]) {
        var index = 0
        func value() -> String {
            index += 1
            guard index < arguments.count else { fail("\(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--threads": threadCounts = value().split(separator: ",").compactMap { Int($0) }
            case "--seconds": seconds = Double(value()) ?? seconds
            case "--runs": runs = Int(value()) ?? runs
            case "--flat-out": flatOut = true
            case "--rate": rates.append(Double(value()) ?? 0)
            case "--find-max": findMax = true
            case "--search-steps": searchSteps = Int(value()) ?? searchSteps
            case "--search-seconds": searchSeconds = Double(value()) ?? searchSeconds
            case "--others": others = Double(value()) ?? others
            case "--profile": profileIterations = Int(value()) ?? 1_000_000
            case "--setting": setting = value()
            default: fail("unknown argument \(arguments[index])")
            }
            index += 1
        }
        // No measurement named: all three, with the goal's rate.
        if !flatOut && rates.isEmpty && !findMax {
            flatOut = true
            rates = [2_000_000]
            findMax = true
        }
    }
}

/// Prints `line` at once, so that a long run shows its trials as they finish (even into a file).
func say(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
}

func fail(_ message: String) -> Never {
    printToStandardError("AgentThroughput: \(message)")
    exit(2)
}

/// What one trial measured.
struct Trial {
    var threads: Int
    /// Events per second the app threads were held to; nil for flat out.
    var target: Double?
    var seconds: Double
    var produced: UInt64
    var client: ClientStatistics
    var droppedByAgent: UInt64
    var start: UInt64
    var end: UInt64
    var appCPU: UInt64
    var agentCPU: UInt64
    /// CPU time the whole machine was busy during the trial (app, agent, client and others).
    var machineCPU: UInt64

    var producedRate: Double { Double(produced) / (Double(end - start) / 1e9) }
    /// Events received over the time from the first event made to the last one received.
    var deliveredRate: Double {
        let last = max(client.lastEvent, start + 1)
        return Double(client.events) / (Double(last - start) / 1e9)
    }
    var lossless: Bool { client.events == produced && client.lost == 0 && droppedByAgent == 0 }
    /// Cores used by other processes during the trial, on average.
    var others: Double {
        let mine = Double(appCPU + agentCPU + client.cpu)
        return max(0, Double(machineCPU) - mine) / Double(end - start)
    }
    /// Whether other processes took enough CPU to spoil the trial.
    var disturbed: Bool { others > Options.current.others }

    var line: String {
        let mode = target.map { "target \(rate($0))" } ?? "flat out"
        let wall = Double(end - start) / 1e9
        let lag = client.lastEvent > end ? Double(client.lastEvent - end) / 1e6 : 0
        return "threads \(threads), \(mode), \(format(seconds, digits: 0)) s: made \(count(produced)) "
            + "(\(rate(producedRate))), delivered \(count(client.events)) (\(rate(deliveredRate))), "
            + "client lost \(count(client.lost)) (\(client.lossNotices) notices), agent dropped "
            + "\(count(droppedByAgent)); last event \(format(lag, digits: 1)) ms after the app stopped; CPU per "
            + "second: app threads \(format(Double(appCPU) / 1e9 / wall, digits: 2)), agent thread "
            + "\(format(Double(agentCPU) / 1e9 / wall, digits: 2)), client "
            + "\(format(Double(client.cpu) / 1e9 / wall, digits: 2)), others \(format(others, digits: 2)); "
            + "\(format(Double(client.bytes) / Double(max(client.events, 1)), digits: 1)) bytes/event"
            + (lossless ? "; lossless" : "; LOSS") + (disturbed ? " (disturbed)" : "")
    }
}

func format(_ value: Double, digits: Int) -> String {
    var factor = 1.0
    for _ in 0..<digits {
        factor *= 10
    }
    let rounded = (value * factor).rounded() / factor
    if digits == 0 {
        return String(Int(rounded))
    }
    var text = String(rounded)
    if let dot = text.firstIndex(of: ".") {
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        text += String(repeating: "0", count: max(0, digits - decimals))
    }
    return text
}

func count(_ value: UInt64) -> String {
    value >= 1_000_000 ? format(Double(value) / 1e6, digits: 2) + "M" : String(value)
}

func rate(_ value: Double) -> String {
    format(value / 1e6, digits: 2) + "M/s"
}

/// What the app threads of one trial did, summed.
final class Totals: Sendable {
    let iterations = Atomic<Int>(0)
    let cpu = Atomic<UInt64>(0)
}

/// A trial run until one is not disturbed by other processes (at most ten times).
func runTrial(_ pool: WorkerThreads, seconds: Double, target: Double?) -> Trial {
    var trial = runTrialOnce(pool, seconds: seconds, target: target)
    for _ in 1..<10 where trial.disturbed {
        say("  run again: " + trial.line)
        trial = runTrialOnce(pool, seconds: seconds, target: target)
    }
    return trial
}

/// Waits (up to a minute) for a second in which the machine is almost idle.
func waitForQuiet() {
    for _ in 0..<60 {
        let before = machineBusyNanoseconds()
        var second = timespec(tv_sec: 1, tv_nsec: 0)
        nanosleep(&second, nil)
        if Double(machineBusyNanoseconds() - before) / 1e9 < Options.current.others {
            return
        }
    }
}

/// One trial: a fresh agent and client, the app threads of `pool` for `seconds`, then the drain.
func runTrialOnce(_ pool: WorkerThreads, seconds: Double, target: Double?) -> Trial {
    waitForQuiet()
    let threads = pool.count
    let agent: BenchmarkAgent
    let client: ClientProcess
    do {
        agent = try BenchmarkAgent()
        client = try ClientProcess(socketPath: agent.socketPath)
    } catch {
        fail("\(error)")
    }
    let agentCPUBefore = namedThreadCPUNanoseconds("deferscope") ?? 0
    let machineBefore = machineBusyNanoseconds()
    let totals = Totals()
    let start = monotonicNanoseconds()
    let deadline = start + UInt64(seconds * 1e9)
    // Iterations per second for each thread, when held to a rate.
    let perThread = target.map { $0 / Double(eventsPerIteration) / Double(threads) }
    pool.run { _ in
        let cpuBefore = threadCPUNanoseconds()
        var done = 0
        var checksum = 0
        while true {
            let now = monotonicNanoseconds()
            guard now < deadline else { break }
            var batch = 256
            if let perThread {
                let due = Int(Double(now - start) * perThread / 1e9)
                if done >= due {
                    // Ahead of the rate: sleep until the next iteration is due (the kernel's timer
                    // slack makes this at least about 50 µs, hence the batches).
                    let wait = (Double(done + 1) / perThread * 1e9) - Double(now - start)
                    var request = timespec(tv_sec: 0, tv_nsec: Int(max(wait, 10_000)))
                    nanosleep(&request, nil)
                    continue
                }
                batch = min(due - done, batch)
            }
            checksum &+= runWorkload(batch)
            done += batch
        }
        // The checksum is never -1; using it keeps the optimizer from dropping the work.
        totals.iterations.add(done + (checksum == -1 ? 1 : 0), ordering: .relaxed)
        totals.cpu.add(threadCPUNanoseconds() - cpuBefore, ordering: .relaxed)
    }
    let end = monotonicNanoseconds()
    let machineCPU = machineBusyNanoseconds() - machineBefore
    let produced = UInt64(totals.iterations.load(ordering: .relaxed) * eventsPerIteration)
    guard let statistics = client.drain(expectedEvents: produced) else {
        fail("the client did not report")
    }
    let agentCPU = (namedThreadCPUNanoseconds("deferscope") ?? 0) - agentCPUBefore
    let dropped = agent.statistics?.droppedByAgent ?? 0
    agent.stop()
    return Trial(
        threads: threads,
        target: target,
        seconds: seconds,
        produced: produced,
        client: statistics,
        droppedByAgent: dropped,
        start: start,
        end: end,
        appCPU: totals.cpu.load(ordering: .relaxed),
        agentCPU: agentCPU,
        machineCPU: machineCPU
    )
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

func summarize(_ title: String, _ all: [Trial]) -> String {
    let trials = all.filter { !$0.disturbed }
    let leftOut = all.count - trials.count
    let made = trials.map(\.producedRate)
    let delivered = trials.map(\.deliveredRate)
    return "\(title): delivered \(rate(median(delivered))) (runs: \(delivered.map(rate).joined(separator: ", "))), "
        + "made \(rate(median(made))), client lost \(trials.map { count($0.client.lost) }.joined(separator: "/")), "
        + "agent dropped \(trials.map { count($0.droppedByAgent) }.joined(separator: "/")), "
        + "lossless \(trials.filter(\.lossless).count) of \(trials.count)"
        + (leftOut > 0 ? " (\(leftOut) disturbed trials left out)" : "")
}

/// The highest target rate at which a trial is lossless, by bisection between 0 and `ceiling`.
func findMaximum(_ pool: WorkerThreads, seconds: Double, ceiling: Double, steps: Int) -> Double {
    var good = 0.0
    var bad = ceiling
    let top = runTrial(pool, seconds: seconds, target: ceiling)
    say("  " + top.line)
    if top.lossless {
        return ceiling
    }
    for _ in 0..<steps {
        let middle = (good + bad) / 2
        let trial = runTrial(pool, seconds: seconds, target: middle)
        say("  " + trial.line)
        // A trial still disturbed after its retries counts as a loss: the search stays cautious.
        if trial.lossless && !trial.disturbed {
            good = middle
        } else {
            bad = middle
        }
    }
    return good
}

/// `--profile N --setting none|idle|streaming`: N iterations on this thread with no agent, the
/// agent idle, or one client streaming; prints the time per iteration. Made for `perf record` and
/// `valgrind --tool=callgrind` (instruction counts are repeatable where times are not).
func profile(iterations: Int, setting: String) {
    var agent: BenchmarkAgent?
    var client: ClientProcess?
    do {
        if setting != "none" {
            agent = try BenchmarkAgent()
        }
        if setting == "streaming", let agent {
            client = try ClientProcess(socketPath: agent.socketPath)
        }
    } catch {
        fail("\(error)")
    }
    let start = monotonicNanoseconds()
    let checksum = runWorkload(iterations)
    let elapsed = monotonicNanoseconds() - start
    let counted = client?.drain(expectedEvents: UInt64(iterations * eventsPerIteration))
    agent?.stop()
    say("\(setting): \(iterations) iterations, \(format(Double(elapsed) / Double(iterations), digits: 0)) ns each"
        + (counted.map { ", client got \($0.events) events, lost \($0.lost)" } ?? "") + (checksum == -1 ? "!" : ""))
}

let options = Options.current
if let iterations = options.profileIterations {
    profile(iterations: iterations, setting: options.setting)
    exit(0)
}
say(
    "AgentThroughput: \(options.runs) runs, \(format(options.seconds, digits: 0)) s each; create + 3 callbacks + "
        + "fire (\(eventsPerIteration) events an iteration), one client process decoding"
)
var summary: [String] = []
for threads in options.threadCounts {
    let pool = WorkerThreads(count: threads)
    defer { pool.stop() }
    var ceiling = 0.0
    if options.flatOut {
        say("\(threads) app thread(s), flat out:")
        var trials: [Trial] = []
        for _ in 0..<options.runs {
            let trial = runTrial(pool, seconds: options.seconds, target: nil)
            say("  " + trial.line)
            trials.append(trial)
        }
        ceiling = trials.map(\.producedRate).max() ?? 0
        summary.append(summarize("\(threads) thread(s), flat out", trials))
    }
    for target in options.rates {
        say("\(threads) app thread(s), held to \(rate(target)):")
        var trials: [Trial] = []
        for _ in 0..<options.runs {
            let trial = runTrial(pool, seconds: options.seconds, target: target)
            say("  " + trial.line)
            trials.append(trial)
        }
        summary.append(summarize("\(threads) thread(s), held to \(rate(target))", trials))
    }
    if options.findMax {
        if ceiling == 0 {
            ceiling = runTrial(pool, seconds: options.seconds, target: nil).producedRate
        }
        say("\(threads) app thread(s), highest lossless rate (bisection below \(rate(ceiling))):")
        var maxima: [Double] = []
        for run in 0..<options.runs {
            let found = findMaximum(
                pool,
                seconds: options.searchSeconds,
                ceiling: ceiling,
                steps: options.searchSteps
            )
            say("  search \(run + 1): \(rate(found))")
            maxima.append(found)
        }
        summary.append(
            "\(threads) thread(s), highest lossless rate: \(rate(median(maxima))) "
                + "(runs: \(maxima.map(rate).joined(separator: ", ")); \(options.searchSteps)-step bisection "
                + "below \(rate(ceiling)), \(format(options.searchSeconds, digits: 0)) s a trial)"
        )
    }
}
say("\nsummary (median of \(options.runs) runs):")
for line in summary {
    say("  " + line)
}
