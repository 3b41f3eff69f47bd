extension RecordingHeader {
    /// The header's `RecordingHeader.length` bytes: the magic (8 bytes), the version (u16 LE), a
    /// reserved u16 (0), and `createdAt` (u64 LE).
    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.reserveCapacity(RecordingHeader.length)
        for byte in RecordingHeader.magic {
            writer.writeU8(byte)
        }
        writer.writeU16(version)
        writer.writeU16(0)
        writer.writeU64(createdAt)
        return writer.bytes
    }

    /// Reads a header from the first `RecordingHeader.length` bytes of `bytes` (a recording's
    /// start; the frames after the header are not looked at).
    ///
    /// - Throws: `WireError.truncated` if there are fewer bytes, `.badMagic` if they do not start
    ///   with `RecordingHeader.magic`, `.unsupportedVersion` for version 0 or a version above
    ///   `RecordingHeader.currentVersion`. The reserved field is ignored.
    public init(decoding bytes: some Sequence<UInt8>) throws(WireError) {
        let header = Array(bytes.prefix(RecordingHeader.length))
        var reader = ByteReader(header[...], context: "recording header")
        let magic = try reader.readBytes(RecordingHeader.magic.count, "magic")
        guard magic.elementsEqual(RecordingHeader.magic) else { throw WireError.badMagic }
        let version = try reader.readU16("version")
        guard version != 0, version <= RecordingHeader.currentVersion else {
            throw WireError.unsupportedVersion(version)
        }
        _ = try reader.readU16("reserved")
        self.init(version: version, createdAt: try reader.readU64("createdAt"))
    }
}
