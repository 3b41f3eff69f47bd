extension EventRecord {
    /// The bits of a record's presence mask (u16 LE): which optional fields follow, in this order.
    internal enum Presence {
        /// `siteID` (varint).
        internal static let siteID: UInt16 = 1 << 0
        /// `label` (string).
        internal static let label: UInt16 = 1 << 1
        /// `stepIndex` (zigzag varint).
        internal static let stepIndex: UInt16 = 1 << 2
        /// `stepKindRawValue` (u8).
        internal static let stepKind: UInt16 = 1 << 3
        /// `duration` (varint).
        internal static let duration: UInt16 = 1 << 4
        /// `outcome` (outcome).
        internal static let outcome: UInt16 = 1 << 5
        /// `other` (varint).
        internal static let other: UInt16 = 1 << 6
        /// `timeoutSeconds` (f64 LE).
        internal static let timeoutSeconds: UInt16 = 1 << 7
        /// `thread` (varint).
        internal static let thread: UInt16 = 1 << 8
        /// Every bit this version knows; a record with another bit set cannot be read, since the
        /// field's size is unknown.
        internal static let known: UInt16 = (1 << 9) - 1
    }

    /// The smallest record: kind, flags, a two-byte mask and three one-byte varints.
    internal static let minimumEncodedSize = 7

    /// The presence mask for this record: the optional fields that differ from their defaults.
    internal var presence: UInt16 {
        var mask: UInt16 = 0
        if siteID != 0 { mask |= Presence.siteID }
        if label != nil { mask |= Presence.label }
        if stepIndex != -1 { mask |= Presence.stepIndex }
        if stepKindRawValue != nil { mask |= Presence.stepKind }
        if duration != 0 { mask |= Presence.duration }
        if outcome != nil { mask |= Presence.outcome }
        if other != 0 { mask |= Presence.other }
        // By bit pattern, so that -0.0 survives the trip.
        if timeoutSeconds.bitPattern != 0 { mask |= Presence.timeoutSeconds }
        if thread != 0 { mask |= Presence.thread }
        return mask
    }

    /// Appends the record: kind, flags, presence mask, id, sequence, timestamp, then the fields
    /// the mask names, in the mask's bit order.
    internal func encode(to writer: inout ByteWriter) {
        let mask = presence
        writer.writeU8(kindRawValue)
        writer.writeU8(flags)
        writer.writeU16(mask)
        writer.writeVarint(id)
        writer.writeVarint(sequence)
        writer.writeVarint(timestamp)
        if mask & Presence.siteID != 0 { writer.writeVarint(siteID) }
        if let label { writer.writeString(label) }
        if mask & Presence.stepIndex != 0 { writer.writeZigzag(stepIndex) }
        if let stepKindRawValue { writer.writeU8(stepKindRawValue) }
        if mask & Presence.duration != 0 { writer.writeVarint(duration) }
        if let outcome { outcome.encode(to: &writer) }
        if mask & Presence.other != 0 { writer.writeVarint(other) }
        if mask & Presence.timeoutSeconds != 0 { writer.writeDouble(timeoutSeconds) }
        if mask & Presence.thread != 0 { writer.writeVarint(thread) }
    }

    /// Reads a record. The kind and step kind are kept as raw values, known or not; flags are kept
    /// as they are. A presence bit this version does not know is an error.
    internal init(from reader: inout ByteReader) throws(WireError) {
        let kind = try reader.readU8("kind")
        let flags = try reader.readU8("flags")
        let mask = try reader.readU16("presence")
        guard mask & ~Presence.known == 0 else {
            throw reader.malformed("presence", "unknown field bits 0x\(String(mask & ~Presence.known, radix: 16))")
        }
        self.init(
            kindRawValue: kind,
            flags: flags,
            id: try reader.readVarint("id"),
            sequence: try reader.readVarint32("sequence"),
            timestamp: try reader.readVarint("timestamp")
        )
        if mask & Presence.siteID != 0 { siteID = try reader.readVarint32("siteID") }
        if mask & Presence.label != 0 { label = try reader.readString("label") }
        if mask & Presence.stepIndex != 0 { stepIndex = try reader.readZigzag32("stepIndex") }
        if mask & Presence.stepKind != 0 { stepKindRawValue = try reader.readU8("stepKind") }
        if mask & Presence.duration != 0 { duration = try reader.readVarint("duration") }
        if mask & Presence.outcome != 0 { outcome = try WireOutcome(from: &reader) }
        if mask & Presence.other != 0 { other = try reader.readVarint("other") }
        if mask & Presence.timeoutSeconds != 0 { timeoutSeconds = try reader.readDouble("timeoutSeconds") }
        if mask & Presence.thread != 0 { thread = try reader.readVarint("thread") }
    }
}
