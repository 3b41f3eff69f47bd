// The model's costs, in one process, on one core (the model is single-threaded):
//   ingest    events applied per second, chains living their whole life (9 events each) with
//             10,000 alive at any time, fed as the client feeds them (batches of 1,000);
//   memory    resident-set growth per tracked live Deferred with 3 steps, between 1,000 and
//             1,000,000 of them;
//   window    the top 50 rows of the pending list by each column, 1,000,000 live (and the cost of
//             building an index on demand);
//   filter    a filtered window (the filter runs on all 1,000,000 rows).
// Run: `cd Benchmarks && swift run -c release --scratch-path /tmp/model-bench-build ModelBenchmarks`.
import DeferredKit
import DeferscopeModel
import DeferscopeWire
import MeasureSupport
import ModelFixtureSupport

#if canImport(Glibc)
import Glibc
#endif

func format(_ value: Double, _ digits: Int = 1) -> String {
    var scaled = value
    for _ in 0..<digits { scaled *= 10 }
    let rounded = Int(scaled.rounded())
    var text = String(rounded)
    guard digits > 0 else { return text }
    while text.count <= digits { text = "0" + text }
    text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
    return text
}

let labels = ["fetch user", "query orders", "cache get", "render", "retry-1"]
let siteCount: UInt32 = 50

func event(_ kind: DeferredEvent.Kind, _ id: UInt64, _ sequence: UInt32, _ time: UInt64) -> EventRecord {
    EventRecord(kindRawValue: kind.rawValue, id: id, sequence: sequence, timestamp: time)
}

/// A pending Deferred with 3 steps: `created` and three `stepAdded`.
func appendPending(_ id: UInt64, time: UInt64, into events: inout [EventRecord]) {
    var created = event(.created, id, 1, time)
    created.label = labels[Int(id % UInt64(labels.count))]
    created.siteID = UInt32(id % UInt64(siteCount)) + 1
    events.append(created)
    for index in 0..<3 {
        var added = event(.stepAdded, id, UInt32(2 + index), time)
        added.stepIndex = Int32(index)
        added.stepKindRawValue = StepKind.callback.rawValue
        added.siteID = 1
        events.append(added)
    }
}

/// The rest of its life: fired, three steps run, released.
func appendFinish(_ id: UInt64, time: UInt64, into events: inout [EventRecord]) {
    let outcome = WireOutcome(isFailure: false, typeID: 1)
    var fired = event(.fired, id, 5, time)
    fired.outcome = outcome
    events.append(fired)
    for index in 0..<3 {
        var ran = event(.stepRan, id, UInt32(6 + index), time)
        ran.stepIndex = Int32(index)
        ran.stepKindRawValue = StepKind.callback.rawValue
        ran.duration = 2_000
        ran.outcome = outcome
        events.append(ran)
    }
    var released = event(.released, id, 9, time)
    released.outcome = outcome
    released.flags = DeferredEvent.Flags.everFired.rawValue
    events.append(released)
}

// MARK: - Ingest

/// `sortedBy`: a column other than the natural order whose index (built on demand) ingest keeps
/// up to date, as it does while a view is sorted by it.
///
/// `processes`: the pictures to measure, their passes interleaved so that a busy machine weighs on
/// each alike: 0 for a picture of one process; n for n processes in one picture (as `attach PID
/// PID …` builds it), each sending the same stream under its own source.
func ingest(passes: Int = 5, sortedBy column: SortColumn? = nil, processes: [Int] = [0]) {
    let chains = 200_000
    let alive = 10_000
    var batches: [[EventRecord]] = []
    var batch: [EventRecord] = []
    var time: UInt64 = 1_000_000_000
    for index in 0..<(chains + alive) {
        time += 1_000
        if index < chains { appendPending(UInt64(index + 1), time: time, into: &batch) }
        if index >= alive { appendFinish(UInt64(index - alive + 1), time: time, into: &batch) }
        if batch.count >= 1_000 {
            batches.append(batch)
            batch = []
        }
    }
    batches.append(batch)
    let perStream = batches.reduce(0) { $0 + $1.count }
    var best = [Double](repeating: .infinity, count: processes.count)
    for _ in 0..<passes {
        for (slot, count) in processes.enumerated() {
            best[slot] = min(best[slot], ingestPass(batches, sortedBy: column, processes: count, chains: chains))
        }
    }
    for (slot, count) in processes.enumerated() {
        let total = perStream * max(1, count)
        let what = count == 0 ? "" : " (\(count) process\(count == 1 ? "" : "es") in one picture)"
        print(
            "ingest\(column.map { " (pending sorted by \($0))" } ?? "")\(what): \(total) events (\(chains) chains, "
                + "\(alive) alive at a time), best of \(passes): "
                + "\(format(Double(total) / best[slot] / 1e6, 2)) M events/s (goal >= 5)"
        )
    }
}

/// One pass of `ingest`: seconds of this thread's CPU.
func ingestPass(_ batches: [[EventRecord]], sortedBy column: SortColumn?, processes: Int, chains: Int) -> Double {
    var model =
        processes == 0
        ? attachedBenchmarkModel(siteCount: siteCount)
        : attachedBenchmarkModel(siteCount: siteCount, processes: processes)
    if let column {
        _ = model.window(of: .pending, order: SortOrder(column, ascending: true), offset: 0, count: 50)
    }
    // A feed hands over arrays it just decoded, which it alone holds and frees after applying:
    // fresh copies, made before the clock starts, one per process.
    var owned: [[EventRecord]] = []
    for batch in batches {
        for _ in 0..<max(1, processes) { owned.append(batch.map { $0 }) }
    }
    let start = Measure.threadCPUNanoseconds()
    for index in owned.indices {
        var events = owned[index]
        owned[index] = []
        if processes == 0 {
            model.apply(.events(events))
        } else {
            model.apply(events: &events, from: UInt16(index % processes + 1))
        }
    }
    let elapsed = Double(Measure.threadCPUNanoseconds() - start) / 1e9
    precondition(
        model.count(of: .pending) == 0
            && model.statistics.lifetimes.totalCount == UInt64(chains * max(1, processes))
    )
    return elapsed
}

// MARK: - A million live

func grow(_ model: inout DeferscopeModel, from first: Int, to end: Int) {
    var batch: [EventRecord] = []
    batch.reserveCapacity(4_096)
    var id = first
    while id < end {
        batch.removeAll(keepingCapacity: true)
        while id < end, batch.count < 4_000 {
            appendPending(UInt64(id + 1), time: 1_000_000_000 + UInt64(id) * 1_000, into: &batch)
            id += 1
        }
        model.apply(.events(batch))
    }
}

func million() {
    var model = attachedBenchmarkModel(siteCount: siteCount)
    grow(&model, from: 0, to: 1_000)
    let small = Measure.residentBytes()
    grow(&model, from: 1_000, to: 1_000_000)
    let large = Measure.residentBytes()
    let perDeferred = Double(large - small) / 999_000
    print(
        "memory: RSS \(small / 1024) KiB with 1,000 live, \(large / 1024) KiB with 1,000,000: "
            + "\(format(perDeferred, 0)) bytes per live Deferred with 3 steps (goal <= 512)"
    )
    precondition(model.count(of: .pending) == 1_000_000)

    model.advance(to: 1_000_000_000 + 1_000_000 * 1_000 + 20_000_000_000)
    func time(_ name: String, runs: Int, goal: String, _ body: () -> Int) {
        var check = 0
        let start = Measure.threadCPUNanoseconds()
        for _ in 0..<runs { check &+= body() }
        let each = Double(Measure.threadCPUNanoseconds() - start) / Double(runs)
        precondition(check > 0)
        let text = each >= 1e6 ? "\(format(each / 1e6, 2)) ms" : "\(format(each / 1e3, 2)) µs"
        print("\(name): \(text) per query\(goal.isEmpty ? "" : " (goal \(goal))")")
    }
    time("window top 50 pending by age (oldest first), 1M live", runs: 10_000, goal: "<= 50 µs") {
        model.window(of: .pending, offset: 0, count: 50).rows.count
    }
    time("window top 50 pending by age (youngest first), 1M live", runs: 10_000, goal: "<= 50 µs") {
        model.window(of: .pending, order: SortOrder(.age, ascending: true), offset: 0, count: 50).rows.count
    }
    time("window 50 at offset 500,000 by age, 1M live", runs: 1_000, goal: "") {
        model.window(of: .pending, offset: 500_000, count: 50).rows.count
    }
    let text = try! DeferredFilter(parsing: "fetch")
    time("filter 'fetch' over 1M (top 50 and the total)", runs: 10, goal: "") {
        model.window(of: .pending, filter: text, offset: 0, count: 50).total
    }
    let combined = try! DeferredFilter(parsing: "site:File7 age>5s !state:running steps>=3")
    time("filter 'site:File7 age>5s !state:running steps>=3' over 1M", runs: 10, goal: "") {
        model.window(of: .pending, filter: combined, offset: 0, count: 50).total
    }
    let regex = try! DeferredFilter(parsing: "/retry-[0-9]+/")
    time("filter '/retry-[0-9]+/' over 1M", runs: 3, goal: "") {
        model.window(of: .pending, filter: regex, offset: 0, count: 50).total
    }
    time("window top 50 by blocked-on (not indexed: a selection over 1M)", runs: 5, goal: "") {
        model.window(of: .pending, order: SortOrder(.blockedOn, ascending: true), offset: 0, count: 50).rows.count
    }
    // Every other column: the first window builds the index (O(n log n)), the next ones read it.
    let before = Measure.residentBytes()
    for column in SortColumn.allCases where column != .age && column != .blockedOn {
        let build = Measure.threadCPUNanoseconds()
        _ = model.window(of: .pending, order: SortOrder(column, ascending: true), offset: 0, count: 50)
        print(
            "build the pending-by-\(column) index, 1M live: \(format(Double(Measure.threadCPUNanoseconds() - build) / 1e6, 0)) ms"
        )
        for ascending in [true, false] {
            time(
                "window top 50 pending by \(column) (\(ascending ? "ascending" : "descending")), 1M live",
                runs: 10_000,
                goal: "<= 50 µs"
            ) {
                model.window(of: .pending, order: SortOrder(column, ascending: ascending), offset: 0, count: 50).rows
                    .count
            }
        }
        if column == .steps {
            // Three are kept at once (the default limit): label, state, steps.
            print(
                "memory: the three indexes kept (label, state, steps), 1M live: "
                    + "\(format(Double(Measure.residentBytes() - before) / 1_000_000, 0)) bytes per live Deferred"
            )
        }
    }
    time("window 50 at offset 500,000 by label, 1M live", runs: 1_000, goal: "") {
        model.window(of: .pending, order: SortOrder(.label, ascending: true), offset: 500_000, count: 50).rows.count
    }
    time("stuck path of 50 rows", runs: 10_000, goal: "") {
        (1...50).reduce(0) { $0 + (model.stuckPath(of: UInt64($1)) == nil ? 0 : 1) }
    }
}

let which = CommandLine.arguments.dropFirst().first ?? "all"
if which == "all" || which == "ingest" { ingest() }
if which == "all" || which == "ingest-sorted" {
    ingest(sortedBy: .label)
    ingest(sortedBy: .state)
}
// One pass, for counting instructions: valgrind --tool=callgrind --toggle-collect='*apply6events*' …
if which == "ingest-once" { ingest(passes: 1) }
if which == "ingest-processes" { ingest(processes: [0, 1, 4]) }
if which == "ingest-one-source" { ingest(processes: [1]) }
if which == "ingest-owned" { ingest(processes: [0]) }
if which == "all" || which == "million" { million() }
