extension Frame {
    /// Appends the payload (what follows the kind byte). `.unknown` has none to write.
    internal func encodePayload(to writer: inout ByteWriter) {
        switch self {
        case .hello(let hello):
            hello.encode(to: &writer)
        case .sites(let sites):
            writer.writeCount(sites.count)
            for site in sites {
                site.encode(to: &writer)
            }
        case .types(let types):
            writer.writeCount(types.count)
            for type in types {
                type.encode(to: &writer)
            }
        case .snapshotBegin(let begin):
            begin.encode(to: &writer)
        case .snapshotChunk(let chunk):
            chunk.encode(to: &writer)
        case .snapshotEnd(let end):
            end.encode(to: &writer)
        case .events(let events):
            writer.writeCount(events.count)
            for event in events {
                event.encode(to: &writer)
            }
        case .lost(let lost):
            lost.encode(to: &writer)
        case .heartbeat(let heartbeat):
            heartbeat.encode(to: &writer)
        case .reply(let reply):
            reply.encode(to: &writer)
        case .command(let command):
            command.encode(to: &writer)
        case .unknown:
            break
        }
    }

    /// Reads a whole payload of a known kind; bytes left over are an error.
    internal init(kind: FrameKind, payload: ArraySlice<UInt8>) throws(WireError) {
        var reader = ByteReader(payload, context: kind.context)
        switch kind {
        case .hello:
            self = .hello(try Hello(from: &reader))
        case .sites:
            let sites = try reader.readList("sites", minimumElementSize: SiteDefinition.minimumEncodedSize) {
                (reader: inout ByteReader) throws(WireError) in try SiteDefinition(from: &reader)
            }
            self = .sites(sites)
        case .types:
            let types = try reader.readList("types", minimumElementSize: TypeDefinition.minimumEncodedSize) {
                (reader: inout ByteReader) throws(WireError) in try TypeDefinition(from: &reader)
            }
            self = .types(types)
        case .snapshotBegin:
            self = .snapshotBegin(try SnapshotBegin(from: &reader))
        case .snapshotChunk:
            self = .snapshotChunk(try SnapshotChunk(from: &reader))
        case .snapshotEnd:
            self = .snapshotEnd(try SnapshotEnd(from: &reader))
        case .events:
            let events = try reader.readList("events", minimumElementSize: EventRecord.minimumEncodedSize) {
                (reader: inout ByteReader) throws(WireError) in try EventRecord(from: &reader)
            }
            self = .events(events)
        case .lost:
            self = .lost(try Lost(from: &reader))
        case .heartbeat:
            self = .heartbeat(try Heartbeat(from: &reader))
        case .reply:
            self = .reply(try Reply(from: &reader))
        case .command:
            self = .command(try Command(from: &reader))
        }
        try reader.expectEnd()
    }
}
