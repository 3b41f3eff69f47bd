extension WireOutcome {
    /// Appends the outcome: isFailure (bool), typeID (varint), valueDescription (optional string).
    internal func encode(to writer: inout ByteWriter) {
        writer.writeBool(isFailure)
        writer.writeVarint(typeID)
        writer.writeOptionalString(valueDescription)
    }

    /// Reads an outcome (errors name its fields `outcome.isFailure`, …).
    internal init(from reader: inout ByteReader) throws(WireError) {
        self.init(
            isFailure: try reader.readBool("outcome.isFailure"),
            typeID: try reader.readVarint32("outcome.typeID"),
            valueDescription: try reader.readOptionalString("outcome.valueDescription")
        )
    }
}
