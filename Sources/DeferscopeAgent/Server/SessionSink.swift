/// Where a session's bytes go: a client's socket, or a recording file.
protocol SessionSink: AnyObject {
    /// Bytes queued and not yet written.
    var pendingBytes: Int { get }
    /// Whether the loop should wait for the socket to become writable.
    var wantsWritable: Bool { get }
    /// Whether the sink can take no more (the peer is gone, the disk failed).
    var isBroken: Bool { get }
    /// Queues bytes to write. The session decides beforehand whether there is room.
    func enqueue(_ bytes: [UInt8])
    /// Writes what it can without blocking.
    func flush()
    /// Stops writing and releases the sink.
    func close()
}
