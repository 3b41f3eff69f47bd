extension Hello {
    /// Appends the payload: the magic, the version (u16 LE), then the process's fields.
    internal func encode(to writer: inout ByteWriter) {
        for byte in Hello.magic {
            writer.writeU8(byte)
        }
        writer.writeU16(protocolVersion)
        writer.writeZigzag(pid)
        writer.writeString(processName)
        writer.writeString(executablePath)
        writer.writeVarint(processStartTime)
        writer.writeVarint(monotonicBase)
        writer.writeVarint(wallClockAtBase)
        writer.writeVarint(liveCount)
        writer.writeBool(includesValues)
    }

    /// Reads the payload. Throws `badMagic` unless it starts with `Hello.magic`, and
    /// `unsupportedVersion` unless the version is `Hello.currentVersion` (the rest of a hello of
    /// another version may be laid out differently, so it is not read).
    internal init(from reader: inout ByteReader) throws(WireError) {
        let magic = try reader.readBytes(Hello.magic.count, "magic")
        guard magic.elementsEqual(Hello.magic) else { throw WireError.badMagic }
        let version = try reader.readU16("protocolVersion")
        guard version == Hello.currentVersion else { throw WireError.unsupportedVersion(version) }
        self.init(
            protocolVersion: version,
            pid: try reader.readZigzag32("pid"),
            processName: try reader.readString("processName"),
            executablePath: try reader.readString("executablePath"),
            processStartTime: try reader.readVarint("processStartTime"),
            monotonicBase: try reader.readVarint("monotonicBase"),
            wallClockAtBase: try reader.readVarint("wallClockAtBase"),
            liveCount: try reader.readVarint("liveCount"),
            includesValues: try reader.readBool("includesValues")
        )
    }
}
