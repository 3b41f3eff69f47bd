/// The agent's first frame: the protocol version and who the process is.
public struct Hello: Sendable, Equatable {
    /// `DSCP` in ASCII, first on the wire, so that a client recognizes an agent at once.
    public static let magic: [UInt8] = [0x44, 0x53, 0x43, 0x50]
    /// The version this code speaks.
    public static let currentVersion: UInt16 = 1

    /// The protocol version the agent speaks.
    public var protocolVersion: UInt16
    /// The process id.
    public var pid: Int32
    /// The process name (`/proc/<pid>/comm`).
    public var processName: String
    /// The executable (`/proc/<pid>/exe`).
    public var executablePath: String
    /// When the process started: nanoseconds since 1970 (wall clock).
    public var processStartTime: UInt64
    /// The agent's monotonic clock (event timestamps) at the moment `wallClockAtBase` was read,
    /// so a client can place monotonic timestamps on the wall clock.
    public var monotonicBase: UInt64
    /// The wall clock (ns since 1970) at `monotonicBase`.
    public var wallClockAtBase: UInt64
    /// Observed Deferreds alive when the frame was sent.
    public var liveCount: UInt64
    /// Whether events carry descriptions of values (`DEFERSCOPE_VALUES=1`).
    public var includesValues: Bool

    /// Creates a hello.
    public init(
        protocolVersion: UInt16 = Hello.currentVersion,
        pid: Int32,
        processName: String,
        executablePath: String,
        processStartTime: UInt64,
        monotonicBase: UInt64,
        wallClockAtBase: UInt64,
        liveCount: UInt64,
        includesValues: Bool
    ) {
        self.protocolVersion = protocolVersion
        self.pid = pid
        self.processName = processName
        self.executablePath = executablePath
        self.processStartTime = processStartTime
        self.monotonicBase = monotonicBase
        self.wallClockAtBase = wallClockAtBase
        self.liveCount = liveCount
        self.includesValues = includesValues
    }
}
