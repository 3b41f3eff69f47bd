/// Appends protocol primitives to a byte array. Multi-byte integers are little-endian; see
/// `docs/protocol.md` for every encoding.
internal struct ByteWriter {
    /// The bytes written so far (and whatever the array held before).
    internal var bytes: [UInt8]

    /// Creates a writer that appends to `bytes`.
    internal init(bytes: [UInt8] = []) {
        self.bytes = bytes
    }

    /// One byte.
    internal mutating func writeU8(_ value: UInt8) {
        bytes.append(value)
    }

    /// Two bytes, little-endian.
    internal mutating func writeU16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    /// Four bytes, little-endian.
    internal mutating func writeU32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }

    /// Eight bytes, little-endian.
    internal mutating func writeU64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    /// Unsigned LEB128: seven bits per byte, least significant group first, the high bit set on
    /// every byte but the last. Always the shortest form (1 to 10 bytes).
    internal mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    /// A `UInt32` as a varint.
    internal mutating func writeVarint(_ value: UInt32) {
        writeVarint(UInt64(value))
    }

    /// A signed value zigzag-encoded (0, -1, 1, -2, … become 0, 1, 2, 3, …), then as a varint.
    internal mutating func writeZigzag(_ value: Int32) {
        let zigzag = UInt32(bitPattern: (value << 1) ^ (value >> 31))
        writeVarint(UInt64(zigzag))
    }

    /// An IEEE-754 binary64 as its bit pattern, eight bytes little-endian.
    internal mutating func writeDouble(_ value: Double) {
        writeU64(value.bitPattern)
    }

    /// 1 for true, 0 for false.
    internal mutating func writeBool(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    /// A varint byte length, then the UTF-8 bytes. Strings longer than
    /// `WireLimits.maximumStringLength` bytes are cut at the last whole Unicode scalar that fits,
    /// so that a long label never makes a frame the decoder refuses.
    internal mutating func writeString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            let count = ByteWriter.truncatedLength(utf8)
            writeVarint(UInt64(count))
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[0..<count]))
        }
    }

    /// A presence byte (0: absent, 1: present), then the string when present.
    internal mutating func writeOptionalString(_ value: String?) {
        if let value {
            writeBool(true)
            writeString(value)
        } else {
            writeBool(false)
        }
    }

    /// A varint element count; the elements follow, written by the caller.
    internal mutating func writeCount(_ count: Int) {
        writeVarint(UInt64(count))
    }

    /// How many of `utf8`'s bytes fit in `WireLimits.maximumStringLength` without splitting a
    /// scalar.
    internal static func truncatedLength(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        guard utf8.count > WireLimits.maximumStringLength else { return utf8.count }
        var end = WireLimits.maximumStringLength
        // Back up over continuation bytes (10xxxxxx) so that `end` is the start of a scalar.
        while end > 0 && utf8[end] & 0xC0 == 0x80 {
            end -= 1
        }
        return end
    }
}
