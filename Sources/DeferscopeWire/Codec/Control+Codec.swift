extension Lost {
    /// Appends the payload: count, reason.
    internal func encode(to writer: inout ByteWriter) {
        writer.writeVarint(count)
        writer.writeU8(reason.rawValue)
    }

    /// Reads the payload.
    internal init(from reader: inout ByteReader) throws(WireError) {
        self.init(count: try reader.readVarint("count"), reason: try reader.readEnum(LossReason.self, "reason"))
    }
}

extension Heartbeat {
    /// Appends the payload: monotonicNow, liveCount, droppedByAgent, droppedByRecorder.
    internal func encode(to writer: inout ByteWriter) {
        writer.writeVarint(monotonicNow)
        writer.writeVarint(liveCount)
        writer.writeVarint(droppedByAgent)
        writer.writeVarint(droppedByRecorder)
    }

    /// Reads the payload.
    internal init(from reader: inout ByteReader) throws(WireError) {
        self.init(
            monotonicNow: try reader.readVarint("monotonicNow"),
            liveCount: try reader.readVarint("liveCount"),
            droppedByAgent: try reader.readVarint("droppedByAgent"),
            droppedByRecorder: try reader.readVarint("droppedByRecorder")
        )
    }
}

extension Reply {
    /// Appends the payload: requestID, ok, message.
    internal func encode(to writer: inout ByteWriter) {
        writer.writeVarint(requestID)
        writer.writeBool(ok)
        writer.writeString(message)
    }

    /// Reads the payload.
    internal init(from reader: inout ByteReader) throws(WireError) {
        self.init(
            requestID: try reader.readVarint32("requestID"),
            ok: try reader.readBool("ok"),
            message: try reader.readString("message")
        )
    }
}

extension Command {
    /// The sub-kind byte that starts a command's payload.
    internal enum SubKind: UInt8 {
        /// `cancel`: requestID, deferredID.
        case cancel = 0
        /// `pauseStream`: requestID.
        case pauseStream = 1
        /// `resumeStream`: requestID.
        case resumeStream = 2
        /// `requestSnapshot`: requestID.
        case requestSnapshot = 3
    }

    /// Appends the payload: the sub-kind byte, requestID, then the command's own fields.
    internal func encode(to writer: inout ByteWriter) {
        switch self {
        case .cancel(let requestID, let deferredID):
            writer.writeU8(SubKind.cancel.rawValue)
            writer.writeVarint(requestID)
            writer.writeVarint(deferredID)
        case .pauseStream(let requestID):
            writer.writeU8(SubKind.pauseStream.rawValue)
            writer.writeVarint(requestID)
        case .resumeStream(let requestID):
            writer.writeU8(SubKind.resumeStream.rawValue)
            writer.writeVarint(requestID)
        case .requestSnapshot(let requestID):
            writer.writeU8(SubKind.requestSnapshot.rawValue)
            writer.writeVarint(requestID)
        }
    }

    /// Reads the payload; an unknown sub-kind is an error.
    internal init(from reader: inout ByteReader) throws(WireError) {
        let subKind = try reader.readEnum(SubKind.self, "command")
        let requestID = try reader.readVarint32("requestID")
        switch subKind {
        case .cancel:
            self = .cancel(requestID: requestID, deferredID: try reader.readVarint("deferredID"))
        case .pauseStream:
            self = .pauseStream(requestID: requestID)
        case .resumeStream:
            self = .resumeStream(requestID: requestID)
        case .requestSnapshot:
            self = .requestSnapshot(requestID: requestID)
        }
    }
}
