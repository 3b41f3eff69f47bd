extension SnapshotBegin {
    /// Appends the payload: snapshotID, estimatedCount, reason.
    internal func encode(to writer: inout ByteWriter) {
        writer.writeVarint(snapshotID)
        writer.writeVarint(estimatedCount)
        writer.writeU8(reason.rawValue)
    }

    /// Reads the payload.
    internal init(from reader: inout ByteReader) throws(WireError) {
        self.init(
            snapshotID: try reader.readVarint32("snapshotID"),
            estimatedCount: try reader.readVarint("estimatedCount"),
            reason: try reader.readEnum(SnapshotReason.self, "reason")
        )
    }
}

extension SnapshotChunk {
    /// Appends the payload: snapshotID, then a count and the chain records.
    internal func encode(to writer: inout ByteWriter) {
        writer.writeVarint(snapshotID)
        writer.writeCount(chains.count)
        for chain in chains {
            chain.encode(to: &writer)
        }
    }

    /// Reads the payload.
    internal init(from reader: inout ByteReader) throws(WireError) {
        let snapshotID = try reader.readVarint32("snapshotID")
        let chains = try reader.readList("chains", minimumElementSize: ChainRecord.minimumEncodedSize) {
            (reader: inout ByteReader) throws(WireError) in try ChainRecord(from: &reader)
        }
        self.init(snapshotID: snapshotID, chains: chains)
    }
}

extension SnapshotEnd {
    /// Appends the payload: snapshotID, count.
    internal func encode(to writer: inout ByteWriter) {
        writer.writeVarint(snapshotID)
        writer.writeVarint(count)
    }

    /// Reads the payload.
    internal init(from reader: inout ByteReader) throws(WireError) {
        self.init(snapshotID: try reader.readVarint32("snapshotID"), count: try reader.readVarint("count"))
    }
}
