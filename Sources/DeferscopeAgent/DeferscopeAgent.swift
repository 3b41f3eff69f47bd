import DeferredKit
import DeferscopeWire
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Makes this process attachable by `deferscope`.
///
/// ```swift
/// import DeferscopeAgent
///
/// try DeferscopeAgent.start()      // once, early in main
/// ```
///
/// The agent installs DeferredKit's observer, listens on a Unix socket of this user's (by default
/// `$XDG_RUNTIME_DIR/deferscope/<pid>.sock`, else `/tmp/deferscope-<uid>/<pid>.sock`), and serves
/// clients from a thread of its own. While no client (or recording) is attached it keeps only the
/// registry of live Deferreds, so that a client that attaches later sees everything pending; events
/// are built only while someone is listening. App threads never wait for the agent or a client.
public enum DeferscopeAgent {
    /// Starts the agent, applying the environment's overrides to `configuration`
    /// (`DEFERSCOPE_SOCKET`, `DEFERSCOPE_RECORD`, `DEFERSCOPE_VALUES`).
    ///
    /// - Throws: when the socket directory is unsafe (not ours, open to others, a symbolic
    ///   link), the socket cannot be created, or the recording cannot be opened. Starting twice
    ///   is an error; call ``stop()`` first.
    public static func start(_ configuration: Configuration = Configuration()) throws {
        try _running.withLock { running in
            guard running == nil else {
                throw AgentStartError("the agent is already running on \(running!.socketPath)")
            }
            running = try AgentServer.start(configuration.applyingEnvironment())
        }
    }

    /// Stops the agent: closes every client, finishes the recording, removes the socket and
    /// uninstalls the observer. Does nothing if it is not running.
    public static func stop() {
        let server = _running.withLock { running -> AgentServer? in
            defer { running = nil }
            return running
        }
        server?.stop()
    }

    /// Whether the agent is running.
    public static var isRunning: Bool {
        _running.withLock { $0 != nil }
    }

    /// The socket the agent listens on, while it runs.
    public static var socketPath: String? {
        _running.withLock { $0?.socketPath }
    }

    /// Counters about the running agent, for tests and status lines.
    public static var statistics: Statistics? {
        _running.withLock { $0?.statistics }
    }

    /// What the running agent has done so far.
    public struct Statistics: Sendable, Equatable {
        /// Clients attached now.
        public var clients: Int
        /// Events app threads dropped because the agent's buffer was full.
        public var droppedByAgent: UInt64
        /// Events the recording dropped (slow or failed disk).
        public var droppedByRecorder: UInt64
        /// Why the recording stopped, if it did. Events after that are counted in
        /// ``droppedByRecorder``.
        public var recordingFailure: String?
        /// Bytes waiting for clients and the recording now: what the monitor holds in memory on
        /// their behalf.
        public var queuedBytes: Int

        /// Creates statistics.
        public init(
            clients: Int,
            droppedByAgent: UInt64,
            droppedByRecorder: UInt64,
            recordingFailure: String?,
            queuedBytes: Int = 0
        ) {
            self.clients = clients
            self.droppedByAgent = droppedByAgent
            self.droppedByRecorder = droppedByRecorder
            self.recordingFailure = recordingFailure
            self.queuedBytes = queuedBytes
        }
    }
}

/// The running agent, if any.
private let _running = _Lock<AgentServer?>(nil)

/// `start()` was refused.
public struct AgentStartError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let description: String

    /// Creates the error.
    public init(_ description: String) {
        self.description = description
    }
}
