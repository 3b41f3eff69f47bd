import DeferscopeWire

extension DeferscopeAgent {
    /// How the agent runs. The defaults suit production; the environment can override three of
    /// them without a rebuild (see ``Configuration/applyingEnvironment()``).
    public struct Configuration: Sendable, Equatable {
        /// The socket to listen on; nil for the default place (`deferscope list` finds it).
        public var socketPath: String?
        /// A `.dsrec` file to record every event to from the start; nil for none.
        public var recordingPath: String?
        /// Whether events carry short descriptions of values and errors. Off by default:
        /// values may hold secrets.
        public var includeValues: Bool
        /// How many events may wait between the app's threads and the agent's thread. Beyond
        /// that, app threads drop events (counted, and clients resynchronized) rather than wait.
        public var eventBufferCapacity: Int
        /// How many bytes may wait for one client. Beyond that the client loses events, is told,
        /// and gets a fresh snapshot once it has caught up.
        public var clientQueueLimit: Int
        /// How many bytes may wait for the recording file.
        public var recordingQueueLimit: Int
        /// How many Deferreds go into one snapshot frame.
        public var snapshotChunkSize: Int
        /// How often the agent's thread collects events, in milliseconds.
        public var flushIntervalMilliseconds: Int

        /// Creates a configuration.
        public init(
            socketPath: String? = nil,
            recordingPath: String? = nil,
            includeValues: Bool = false,
            eventBufferCapacity: Int = 65_536,
            clientQueueLimit: Int = 16 << 20,
            recordingQueueLimit: Int = 64 << 20,
            snapshotChunkSize: Int = 512,
            flushIntervalMilliseconds: Int = 5
        ) {
            self.socketPath = socketPath
            self.recordingPath = recordingPath
            self.includeValues = includeValues
            self.eventBufferCapacity = eventBufferCapacity
            self.clientQueueLimit = clientQueueLimit
            self.recordingQueueLimit = recordingQueueLimit
            self.snapshotChunkSize = snapshotChunkSize
            self.flushIntervalMilliseconds = flushIntervalMilliseconds
        }

        /// This configuration with the environment's overrides: `DEFERSCOPE_SOCKET` (the socket
        /// path), `DEFERSCOPE_RECORD` (a recording path), `DEFERSCOPE_VALUES=1` (describe values).
        public func applyingEnvironment() -> Configuration {
            var configuration = self
            if let socket = Posix.environment("DEFERSCOPE_SOCKET") {
                configuration.socketPath = socket
            }
            if let record = Posix.environment("DEFERSCOPE_RECORD") {
                configuration.recordingPath = record
            }
            if let values = Posix.environment("DEFERSCOPE_VALUES") {
                configuration.includeValues = values == "1" || values.lowercased() == "true"
            }
            return configuration
        }

        /// The socket path this configuration resolves to for process `pid`.
        public func resolvedSocketPath(pid: Int32) -> String {
            socketPath ?? AgentSocketLocation.socketPath(pid: pid)
        }
    }
}
