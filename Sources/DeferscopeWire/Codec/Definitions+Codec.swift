extension SiteDefinition {
    /// Appends the entry: id, fileID, line.
    internal func encode(to writer: inout ByteWriter) {
        writer.writeVarint(id)
        writer.writeString(fileID)
        writer.writeVarint(line)
    }

    /// Reads an entry.
    internal init(from reader: inout ByteReader) throws(WireError) {
        self.init(
            id: try reader.readVarint32("id"),
            fileID: try reader.readString("fileID"),
            line: try reader.readVarint32("line")
        )
    }

    /// The smallest entry: a one-byte id, an empty string, a one-byte line.
    internal static let minimumEncodedSize = 3
}

extension TypeDefinition {
    /// Appends the entry: id, name.
    internal func encode(to writer: inout ByteWriter) {
        writer.writeVarint(id)
        writer.writeString(name)
    }

    /// Reads an entry.
    internal init(from reader: inout ByteReader) throws(WireError) {
        self.init(id: try reader.readVarint32("id"), name: try reader.readString("name"))
    }

    /// The smallest entry: a one-byte id and an empty string.
    internal static let minimumEncodedSize = 2
}
