import DeferredKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// docs/performance.md's first workload: a Deferred, three callbacks, fired. Observed, one
/// iteration makes ``eventsPerIteration`` events.
@inline(never)
public func createAddThreeFire() -> Deferred<Int> {
    let d = Deferred<Int>()
    let result = d.addCallback { $0 + 1 }.addCallback { $0 + 1 }.addCallback { $0 + 1 }
    try? d.callback(0)
    return result
}

/// Events one ``createAddThreeFire()`` makes while a client listens: `created`, three
/// `stepAdded`, `fired`, three `stepRan` and, when the last handle goes, `released`.
/// `AgentThroughput` checks it: with no loss, the client receives exactly this many per iteration.
public let eventsPerIteration = 9

/// Runs the workload `count` times; the result only keeps the optimizer from dropping the work.
@inline(never)
public func runWorkload(_ count: Int) -> Int {
    var checksum = 0
    for _ in 0..<count {
        checksum &+= createAddThreeFire().id.rawValue == 0 ? 1 : 0
    }
    return checksum
}

/// CLOCK_MONOTONIC in nanoseconds. The clock is system-wide, so the client process's readings
/// compare with the app's.
@inline(__always)
public func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
}

/// CPU time (user + system) consumed so far by the calling thread, in nanoseconds.
public func threadCPUNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
}

/// CPU time (user + system) consumed so far by the whole process, in nanoseconds.
public func processCPUNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
}

/// CPU time consumed so far by this process's thread named `name` (the agent names its thread
/// "deferscope"), in nanoseconds, from /proc; nil when there is no such thread.
public func namedThreadCPUNanoseconds(_ name: String) -> UInt64? {
    guard let directory = opendir("/proc/self/task") else { return nil }
    defer { closedir(directory) }
    let ticksPerSecond = UInt64(sysconf(Int32(_SC_CLK_TCK)))
    while let entry = readdir(directory) {
        let tid = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard tid.first?.isNumber == true, readSmallFile("/proc/self/task/\(tid)/comm") == name + "\n" else {
            continue
        }
        // Fields 14 and 15 of stat are utime and stime, in clock ticks; the command name (field 2)
        // is in parentheses and may hold spaces, so count from the closing one.
        guard let stat = readSmallFile("/proc/self/task/\(tid)/stat"), let close = stat.lastIndex(of: ")") else {
            return nil
        }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = UInt64(fields[11]), let system = UInt64(fields[12]) else { return nil }
        return (user + system) * 1_000_000_000 / ticksPerSecond
    }
    return nil
}

private func readSmallFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 1024)
    let count = read(fd, &buffer, buffer.count)
    guard count > 0 else { return nil }
    return String(decoding: buffer[0..<count], as: UTF8.self)
}

/// Writes `line` and a newline to stderr, unbuffered.
public func printToStandardError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

/// CPU time the whole machine has spent busy (every CPU, every process), in nanoseconds, from
/// /proc/stat. A trial subtracts its own processes' share to show what others took from it.
public func machineBusyNanoseconds() -> UInt64 {
    guard let text = readSmallFile("/proc/stat"), let line = text.split(separator: "\n").first else { return 0 }
    // cpu user nice system idle iowait irq softirq steal guest guest_nice: guest time is already
    // in user and nice; steal (the host ran something else) disturbs a trial as much as a process.
    let fields = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }.prefix(8)
    guard fields.count == 8 else { return 0 }
    let busy = fields.reduce(0, +) - fields[3] - fields[4]
    let ticksPerSecond = UInt64(sysconf(Int32(_SC_CLK_TCK)))
    return busy * 1_000_000_000 / ticksPerSecond
}
