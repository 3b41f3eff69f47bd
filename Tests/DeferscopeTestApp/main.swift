// A small app the end-to-end tests drive over stdin: it starts the agent, makes Deferreds on
// command and answers each command with one line on stdout ("ok ..." or "error ...").
import DeferredKit
import DeferscopeAgent
import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One answer line, flushed at once (stdout is a pipe, so it would otherwise be buffered).
func reply(_ line: String) {
    print(line)
    fflush(nil)
}

/// The Deferreds the tests made, by label, kept alive until fired.
final class Workshop: Sendable {
    private let pending = _Lock<[String: [Deferred<Int>]]>([:])
    private let outers = _Lock<[String: [Deferred<Int>]]>([:])

    /// `count` pending Deferreds labelled `label`, each with two labelled steps.
    func create(_ count: Int, label: String) -> [UInt64] {
        var made: [Deferred<Int>] = []
        made.reserveCapacity(count)
        for _ in 0..<count {
            let deferred = Deferred<Int>(label: label)
            deferred.addCallback(label: "double") { $0 * 2 }
            deferred.addCallback(label: "describe") { String($0) }
            made.append(deferred)
        }
        pending.withLock { $0[label, default: []].append(contentsOf: made) }
        return made.map(\.id.rawValue)
    }

    /// An outer Deferred whose step waits on an inner one nobody fired: returns (outer, inner).
    func nest(label: String) -> (UInt64, UInt64) {
        let inner = Deferred<Int>(label: label + ".inner")
        let outer = Deferred<Int>(label: label)
        outer.addCallback(label: "wait for inner") { _ in inner }
        try? outer.callback(1)
        outers.withLock { $0[label, default: []].append(outer) }
        pending.withLock { $0[label + ".inner", default: []].append(inner) }
        return (outer.id.rawValue, inner.id.rawValue)
    }

    /// Three levels and a `gatherResults`: `label` waits on `label.middle`, which waits on the
    /// gathering of a fired Deferred and `label.leaf`, which nobody fired. Returns the ids of the
    /// outer, the middle, the list and the leaf.
    func deep(label: String) -> [UInt64] {
        let leaf = Deferred<Int>(label: label + ".leaf")
        let fired = Deferred<Int>(label: label + ".fired")
        try? fired.callback(1)
        let list = gatherResults([fired, leaf], label: label + ".gather")
        let middle = Deferred<Int>(label: label + ".middle")
        middle.addCallback(label: "wait for the list") { _ in list.addCallback { $0.reduce(0, +) } }
        try? middle.callback(1)
        let outer = Deferred<Int>(label: label)
        outer.addCallback(label: "wait for the middle") { _ in middle }
        try? outer.callback(1)
        outers.withLock { $0[label, default: []].append(outer) }
        pending.withLock { $0[label + ".leaf", default: []].append(leaf) }
        return [outer.id.rawValue, middle.id.rawValue, list.id.rawValue, leaf.id.rawValue]
    }

    /// Fires every pending Deferred labelled `label` and forgets them.
    func fire(_ label: String) -> Int {
        let taken = pending.withLock { $0.removeValue(forKey: label) ?? [] }
        for deferred in taken {
            try? deferred.callback(21)
        }
        outers.withLock { $0[String(label.dropLast(6))] = nil }
        return taken.count
    }

    /// What has become of Deferred `id`: "pending", "succeeded", "cancelled", "failed".
    func state(of id: UInt64) -> String {
        let all = pending.withLock { $0.values.flatMap { $0 } } + outers.withLock { $0.values.flatMap { $0 } }
        guard let deferred = all.first(where: { $0.id.rawValue == id }) else { return "unknown" }
        guard deferred.isCalled else { return "pending" }
        let outcome = _Lock<String>("succeeded")
        deferred.addErrback { error in
            outcome.withLock { $0 = error is CancelledError ? "cancelled" : "failed" }
            return 0
        }
        return outcome.withLock { $0 }
    }
}

/// Busy app threads: each makes, steps and fires Deferreds until told to stop, counting them.
final class Spinner: Sendable {
    private let running = Atomic<Bool>(false)
    private let completed = Atomic<Int>(0)
    private let threads = _Lock<[Thread]>([])

    final class Thread: Sendable {
        let done = DispatchSemaphore(value: 0)
    }

    func start(threads count: Int) {
        running.store(true, ordering: .releasing)
        for _ in 0..<count {
            let thread = Thread()
            threads.withLock { $0.append(thread) }
            DispatchQueue.global().async {
                while self.running.load(ordering: .acquiring) {
                    for _ in 0..<256 {
                        let deferred = Deferred<Int>(label: "spin")
                        deferred.addCallback { $0 + 1 }
                        try? deferred.callback(1)
                    }
                    self.completed.wrappingAdd(256, ordering: .relaxed)
                }
                thread.done.signal()
            }
        }
    }

    var count: Int { completed.load(ordering: .relaxed) }

    func stop() {
        running.store(false, ordering: .releasing)
        for thread in threads.withLock({ $0 }) {
            thread.done.wait()
        }
        threads.withLock { $0 = [] }
    }
}

/// The resident set size of this process, in kilobytes.
func residentKilobytes() -> Int {
    let fd = open("/proc/self/status", O_RDONLY)
    guard fd >= 0 else { return -1 }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 8192)
    let count = read(fd, &buffer, buffer.count)
    guard count > 0 else { return -1 }
    let text = String(decoding: buffer[0..<count], as: UTF8.self)
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return -1 }
    return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? -1
}

do {
    var configuration = DeferscopeAgent.Configuration()
    // The stalled-client test uses a small queue so that it overflows quickly.
    if let kilobytes = getenv("TESTAPP_CLIENT_QUEUE_KB").flatMap({ Int(String(cString: $0)) }) {
        configuration.clientQueueLimit = kilobytes << 10
    }
    // The slow-disk test uses a small recording queue.
    if let kilobytes = getenv("TESTAPP_RECORDING_QUEUE_KB").flatMap({ Int(String(cString: $0)) }) {
        configuration.recordingQueueLimit = kilobytes << 10
    }
    try DeferscopeAgent.start(configuration)
} catch {
    reply("error \(error)")
    exit(1)
}
reply("ready \(getpid()) \(DeferscopeAgent.socketPath ?? "-")")

let workshop = Workshop()
let spinner = Spinner()
while let line = readLine() {
    let words = line.split(separator: " ").map(String.init)
    guard let command = words.first else { continue }
    switch command {
    case "create":
        let ids = workshop.create(Int(words[1]) ?? 1, label: words.count > 2 ? words[2] : "task")
        reply("ok \(ids.first ?? 0) \(ids.last ?? 0)")
    case "nest":
        let (outer, inner) = workshop.nest(label: words.count > 1 ? words[1] : "outer")
        reply("ok \(outer) \(inner)")
    case "deep":
        let ids = workshop.deep(label: words.count > 1 ? words[1] : "deep")
        reply("ok " + ids.map(String.init).joined(separator: " "))
    case "fire":
        reply("ok \(workshop.fire(words[1]))")
    case "state":
        reply("ok \(workshop.state(of: UInt64(words[1]) ?? 0))")
    case "spin":
        spinner.start(threads: Int(words[1]) ?? 1)
        reply("ok")
    case "progress":
        reply("ok \(spinner.count)")
    case "unspin":
        spinner.stop()
        reply("ok \(spinner.count)")
    case "rss":
        reply("ok \(residentKilobytes())")
    case "stats":
        let statistics = DeferscopeAgent.statistics
        reply(
            "ok \(statistics?.clients ?? -1) \(statistics?.droppedByAgent ?? 0) "
                + "\(statistics?.droppedByRecorder ?? 0) \(statistics?.queuedBytes ?? 0)"
        )
    case "recording":
        reply("ok \(DeferscopeAgent.statistics?.recordingFailure ?? "-")")
    case "stop":
        DeferscopeAgent.stop()
        reply("ok")
    case "quit":
        reply("ok")
        exit(0)
    default:
        reply("error unknown command \(command)")
    }
}
