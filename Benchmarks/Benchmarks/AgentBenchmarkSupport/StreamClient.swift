import DeferscopeWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The client side of the agent benchmarks: a separate process (the benchmark's own executable,
/// started again with ``environmentKey`` set), as the real dashboard is. It attaches with
/// `AgentClient`, which decodes every frame into records and joins them with the snapshot, and
/// counts what it gets.
///
/// It talks to the process that started it in lines: on stdout `ready` once the first snapshot has
/// ended (from then on every event reaches it), then `stats ...` (see ``ClientStatistics``); on
/// stdin `drain N`: stop once N events were received or lost, or once no event came for a second.
public enum StreamClient {
    /// The environment variable holding the socket path, in the client process only.
    public static let environmentKey = "AGENT_BENCHMARK_CLIENT"

    /// A drained stream goes quiet: this long with no event ends the wait.
    static let quietNanoseconds: UInt64 = 1_000_000_000

    /// When this process was started as a client, runs the client and exits; else returns at once.
    /// Call it first thing in `main` (or in the harness's benchmark registration).
    public static func runIfRequested() {
        guard let value = getenv(environmentKey) else { return }
        exit(run(socketPath: String(cString: value)))
    }

    private static func run(socketPath: String) -> Int32 {
        let client = AgentClient(target: .socket(socketPath), reconnects: false)
        do {
            try client.connect()
        } catch {
            say("error cannot connect: \(error)")
            return 1
        }
        var statistics = ClientStatistics()
        client.tap = { statistics.bytes &+= UInt64($0.count) }
        let flags = fcntl(STDIN_FILENO, F_GETFL)
        _ = fcntl(STDIN_FILENO, F_SETFL, flags | O_NONBLOCK)
        var commands = LineBuffer(fd: STDIN_FILENO)
        var ready = false
        var drainTarget: UInt64?
        var drainAsked: UInt64 = 0
        var checksum: UInt64 = 0
        while true {
            let updates = client.poll(timeout: 0.01)
            let now = monotonicNanoseconds()
            for update in updates {
                switch update {
                case .events(let records):
                    if statistics.firstEvent == 0 {
                        statistics.firstEvent = now
                    }
                    statistics.lastEvent = now
                    statistics.events &+= UInt64(records.count)
                    // Read a field of every record, as a view applying them would.
                    for record in records {
                        checksum &+= UInt64(record.sequence)
                    }
                case .snapshotEnded:
                    statistics.snapshots += 1
                    if !ready {
                        ready = true
                        say("ready")
                    }
                case .lost:
                    statistics.lossNotices += 1
                case .disconnected(let state):
                    say("error disconnected: \(state)")
                    return 1
                default:
                    break
                }
            }
            switch commands.next() {
            case .line(let line) where line.hasPrefix("drain "):
                drainTarget = UInt64(line.dropFirst(6)) ?? 0
                drainAsked = now
            case .closed:
                return 0
            default:
                break
            }
            if let target = drainTarget {
                let quietSince = max(drainAsked, statistics.lastEvent)
                if statistics.events &+ client.totalLost >= target || now &- quietSince >= quietNanoseconds {
                    statistics.lost = client.totalLost
                    statistics.cpu = processCPUNanoseconds()
                    statistics.checksum = checksum
                    say(statistics.line)
                    return 0
                }
            }
        }
    }

    /// One line to the parent, flushed at once (stdout is a pipe).
    private static func say(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

/// What the client counted, as its `stats` line carries it.
public struct ClientStatistics: Sendable, Equatable {
    /// Event records received (after the snapshot join).
    public var events: UInt64 = 0
    /// `AgentClient.totalLost`: events the agent reported lost to this client.
    public var lost: UInt64 = 0
    /// `lost` notices received.
    public var lossNotices = 0
    /// Snapshots completed (1 on attach, one more after each loss).
    public var snapshots = 0
    /// Bytes received.
    public var bytes: UInt64 = 0
    /// Monotonic nanoseconds when the first and the last events arrived.
    public var firstEvent: UInt64 = 0
    public var lastEvent: UInt64 = 0
    /// CPU time the client process used, in nanoseconds.
    public var cpu: UInt64 = 0
    /// A sum over the records read, to show they were read.
    public var checksum: UInt64 = 0

    public init() {}

    var line: String {
        "stats events=\(events) lost=\(lost) lossNotices=\(lossNotices) snapshots=\(snapshots) bytes=\(bytes) "
            + "firstEvent=\(firstEvent) lastEvent=\(lastEvent) cpu=\(cpu) checksum=\(checksum)"
    }

    /// Reads a `stats` line.
    init?(line: String) {
        guard line.hasPrefix("stats ") else { return nil }
        var fields: [Substring: UInt64] = [:]
        for pair in line.dropFirst(6).split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = UInt64(parts[1]) else { return nil }
            fields[parts[0]] = value
        }
        events = fields["events"] ?? 0
        lost = fields["lost"] ?? 0
        lossNotices = Int(fields["lossNotices"] ?? 0)
        snapshots = Int(fields["snapshots"] ?? 0)
        bytes = fields["bytes"] ?? 0
        firstEvent = fields["firstEvent"] ?? 0
        lastEvent = fields["lastEvent"] ?? 0
        cpu = fields["cpu"] ?? 0
        checksum = fields["checksum"] ?? 0
    }
}

/// Lines read from a descriptor without blocking.
struct LineBuffer {
    enum Result {
        case line(String)
        case nothing
        case closed
    }

    let fd: Int32
    private var pending: [UInt8] = []
    private var closed = false

    init(fd: Int32) {
        self.fd = fd
    }

    /// The next whole line if one is there (reading what the descriptor has without waiting).
    mutating func next() -> Result {
        if let line = takeLine() {
            return .line(line)
        }
        guard !closed else { return .closed }
        var chunk = [UInt8](repeating: 0, count: 512)
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count == 0 {
            closed = true
        } else if count > 0 {
            pending.append(contentsOf: chunk[0..<count])
        }
        if let line = takeLine() {
            return .line(line)
        }
        return closed ? .closed : .nothing
    }

    private mutating func takeLine() -> String? {
        guard let end = pending.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let line = String(decoding: pending[..<end], as: UTF8.self)
        pending.removeSubrange(...end)
        return line
    }
}
