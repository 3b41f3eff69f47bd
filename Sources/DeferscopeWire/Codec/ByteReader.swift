/// Reads protocol primitives from a byte slice. Every read is bounds-checked and every failure is
/// a thrown `WireError` naming the structure (`context`) and the field: the reader never traps,
/// and it checks a string's or list's length against the limits and against the bytes left before
/// it allocates anything.
internal struct ByteReader {
    /// The bytes being read.
    internal let bytes: ArraySlice<UInt8>
    /// The index of the next byte to read.
    internal private(set) var position: Int
    /// What is being read, for error messages: `events frame`, `recording header`.
    internal let context: String
    /// The lists being read and the index of the element in each, outermost first, so that errors
    /// name fields as `chains[2].pendingSteps[0].label`.
    private var path: [(list: String, index: Int)] = []

    /// Creates a reader of `bytes`; `context` names what they are in error messages.
    internal init(_ bytes: ArraySlice<UInt8>, context: String) {
        self.bytes = bytes
        self.position = bytes.startIndex
        self.context = context
    }

    /// Bytes not read yet.
    internal var remaining: Int { bytes.endIndex - position }

    /// Whether every byte was read.
    internal var isAtEnd: Bool { position == bytes.endIndex }

    /// `field` with the lists it is in: `chains[2].pendingSteps[0].label`.
    internal func qualified(_ field: String) -> String {
        var name = ""
        for (list, index) in path {
            name += "\(list)[\(index)]."
        }
        return name + field
    }

    /// The error for a field that does not hold a valid value.
    internal func malformed(_ field: String, _ problem: String) -> WireError {
        .malformed("\(context), field '\(qualified(field))': \(problem)")
    }

    /// The error for a field the bytes end before.
    internal func truncated(_ field: String) -> WireError {
        .truncated(context: context, field: qualified(field))
    }

    /// Throws unless `count` more bytes are there.
    internal func require(_ count: Int, _ field: String) throws(WireError) {
        guard count <= remaining else { throw truncated(field) }
    }

    /// One byte.
    internal mutating func readU8(_ field: String) throws(WireError) -> UInt8 {
        guard position < bytes.endIndex else { throw truncated(field) }
        let offset = position &- bytes.startIndex
        let value = bytes.withUnsafeBufferPointer { $0[offset] }
        position &+= 1
        return value
    }

    /// Little-endian bytes as an integer.
    private mutating func readLittleEndian<T: FixedWidthInteger & UnsignedInteger>(
        _: T.Type,
        _ field: String
    ) throws(WireError) -> T {
        let size = T.bitWidth / 8
        try require(size, field)
        let offset = position &- bytes.startIndex
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        position &+= size
        return T(littleEndian: value)
    }

    /// Two bytes, little-endian.
    internal mutating func readU16(_ field: String) throws(WireError) -> UInt16 {
        try readLittleEndian(UInt16.self, field)
    }

    /// Four bytes, little-endian.
    internal mutating func readU32(_ field: String) throws(WireError) -> UInt32 {
        try readLittleEndian(UInt32.self, field)
    }

    /// Eight bytes, little-endian.
    internal mutating func readU64(_ field: String) throws(WireError) -> UInt64 {
        try readLittleEndian(UInt64.self, field)
    }

    /// `count` raw bytes.
    internal mutating func readBytes(_ count: Int, _ field: String) throws(WireError) -> ArraySlice<UInt8> {
        try require(count, field)
        let slice = bytes[position..<position + count]
        position += count
        return slice
    }

    /// An unsigned LEB128 varint of at most 10 bytes whose value fits in 64 bits. Longer forms
    /// than necessary are accepted as long as they are within 10 bytes.
    @inline(__always)
    internal mutating func readVarint(_ field: String) throws(WireError) -> UInt64 {
        // The fast path: at least ten bytes left, and the varint ends within nine (every value
        // below 2^63), read through a pointer. Anything else takes the checked path below.
        if remaining >= 10 {
            let offset = position &- bytes.startIndex
            let (value, length) = bytes.withUnsafeBufferPointer { buffer -> (UInt64, Int) in
                let first = buffer[offset]
                if first < 0x80 { return (UInt64(first), 1) }
                var value = UInt64(first & 0x7F)
                var shift: UInt64 = 7
                var index = offset &+ 1
                while shift < 63 {
                    let byte = buffer[index]
                    index &+= 1
                    value |= UInt64(byte & 0x7F) << shift
                    if byte < 0x80 { return (value, index &- offset) }
                    shift &+= 7
                }
                return (0, 0)
            }
            if length > 0 {
                position &+= length
                return value
            }
        }
        return try readVarintChecked(field)
    }

    /// `readVarint`, byte by byte with every check.
    @inline(never)
    private mutating func readVarintChecked(_ field: String) throws(WireError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var index = position
        while true {
            guard index < bytes.endIndex else { throw truncated(field) }
            let byte = bytes[index]
            index += 1
            if shift == 63 {
                // The tenth byte holds bit 63 only; anything more overflows or continues.
                guard byte & 0x80 == 0 else { throw malformed(field, "varint longer than 10 bytes") }
                guard byte <= 1 else { throw malformed(field, "varint overflows 64 bits") }
            }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        position = index
        return value
    }

    /// A varint that must fit in 32 bits.
    internal mutating func readVarint32(_ field: String) throws(WireError) -> UInt32 {
        let value = try readVarint(field)
        guard let narrow = UInt32(exactly: value) else {
            throw malformed(field, "value \(value) does not fit in 32 bits")
        }
        return narrow
    }

    /// A zigzag-encoded varint that must fit in a signed 32-bit integer.
    internal mutating func readZigzag32(_ field: String) throws(WireError) -> Int32 {
        let zigzag = try readVarint32(field)
        return Int32(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
    }

    /// An IEEE-754 binary64 from its eight little-endian bytes.
    internal mutating func readDouble(_ field: String) throws(WireError) -> Double {
        Double(bitPattern: try readU64(field))
    }

    /// A byte that must be 0 (false) or 1 (true).
    internal mutating func readBool(_ field: String) throws(WireError) -> Bool {
        let byte = try readU8(field)
        switch byte {
        case 0: return false
        case 1: return true
        default: throw malformed(field, "bool must be 0 or 1, got \(byte)")
        }
    }

    /// A byte that must be the raw value of a case of `E`.
    internal mutating func readEnum<E: RawRepresentable>(
        _: E.Type,
        _ field: String
    ) throws(WireError) -> E where E.RawValue == UInt8 {
        let byte = try readU8(field)
        guard let value = E(rawValue: byte) else { throw malformed(field, "unknown value \(byte)") }
        return value
    }

    /// A varint byte length (at most `WireLimits.maximumStringLength`), then that many bytes of
    /// valid UTF-8.
    internal mutating func readString(_ field: String) throws(WireError) -> String {
        let length = try readVarint(field)
        guard length <= UInt64(WireLimits.maximumStringLength) else {
            throw malformed(field, "string of \(length) bytes exceeds the limit of \(WireLimits.maximumStringLength)")
        }
        let utf8 = try readBytes(Int(length), field)
        guard let string = utf8.withUnsafeBufferPointer(Self.validatedString) else {
            throw malformed(field, "string is not valid UTF-8")
        }
        return string
    }

    /// `bytes` as a string if they are valid UTF-8. Decoding repairs invalid bytes and its result
    /// is always valid, so the bytes were valid exactly when decoding left them unchanged. This
    /// takes the standard library's fast decoding path; `String(validating:as:)` is generic and
    /// was a tenth of the time spent receiving a large snapshot.
    private static func validatedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var string = String(decoding: bytes, as: UTF8.self)
        let unchanged = string.withUTF8 { $0.elementsEqual(bytes) }
        return unchanged ? string : nil
    }

    /// A presence byte (0 or 1), then a string when it is 1.
    internal mutating func readOptionalString(_ field: String) throws(WireError) -> String? {
        try readBool(field) ? try readString(field) : nil
    }

    /// A varint element count, at most `WireLimits.maximumListCount` and small enough that the
    /// elements (at least `minimumElementSize` bytes each) fit in the bytes left. Checked before
    /// the caller reserves room for the elements.
    internal mutating func readCount(_ field: String, minimumElementSize: Int = 1) throws(WireError) -> Int {
        let count = try readVarint(field)
        guard count <= UInt64(WireLimits.maximumListCount) else {
            throw malformed(field, "list of \(count) elements exceeds the limit of \(WireLimits.maximumListCount)")
        }
        guard Int(count) * minimumElementSize <= remaining else { throw truncated(field) }
        return Int(count)
    }

    /// A list: a count (see `readCount`), then the elements, each read by `element`.
    internal mutating func readList<Element>(
        _ field: String,
        minimumElementSize: Int = 1,
        _ element: (inout ByteReader) throws(WireError) -> Element
    ) throws(WireError) -> [Element] {
        let count = try readCount(field, minimumElementSize: minimumElementSize)
        var elements: [Element] = []
        elements.reserveCapacity(count)
        path.append((field, 0))
        for index in 0..<count {
            path[path.count - 1].index = index
            elements.append(try element(&self))
        }
        path.removeLast()
        return elements
    }

    /// Throws if bytes are left: a structure must use exactly the bytes it was given.
    internal func expectEnd() throws(WireError) {
        guard isAtEnd else {
            let bytes = remaining == 1 ? "1 byte" : "\(remaining) bytes"
            throw WireError.malformed("\(context): \(bytes) left after the last field")
        }
    }
}
