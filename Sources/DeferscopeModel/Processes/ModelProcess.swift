import DeferscopeWire

/// One process of a picture made of several (`deferscope attach PID PID …`): who it is, whether it
/// is still attached, and its own counts for the header.
public struct ModelProcess: Sendable, Equatable {
    /// The small number the feed gave the process's stream (1…65,535); the top 16 bits of the
    /// model ids of its Deferreds.
    public let source: UInt16
    /// The handshake of the process's current connection.
    public internal(set) var hello: Hello
    /// Whether the stream still delivers (false once the process exited or the connection ended).
    public internal(set) var isAttached = true
    /// Whether its first snapshot is complete.
    public internal(set) var isLoaded = false
    /// Whether events were lost and a fresh snapshot is on its way.
    public internal(set) var isResyncing = false
    /// Why the stream ended, when it did.
    public internal(set) var endReason: String?
    /// The latest heartbeat.
    public internal(set) var heartbeat: Heartbeat?
    /// Events lost on this process's stream (and resynchronized).
    public internal(set) var lostEvents: UInt64 = 0
    /// Its live Deferreds per status.
    public internal(set) var countsByStatus = [Int](repeating: 0, count: DeferredStatusKind.allCases.count)
    /// Its Deferreds in the picture holding a failure nothing will handle.
    public internal(set) var unhandledCount = 0

    init(source: UInt16, hello: Hello) {
        self.source = source
        self.hello = hello
    }

    /// Live Deferreds with this status.
    public func count(_ status: DeferredStatusKind) -> Int {
        countsByStatus[Int(status.rawValue)]
    }

    /// `name pid`, as the header and the process column show it.
    public var title: String { "\(hello.processName) \(hello.pid)" }
}
