import Testing

@testable import DeferscopeWire

/// The byte-level encodings of `ByteWriter` and `ByteReader`.
@Suite struct PrimitiveTests {
    private func makeReader(_ bytes: [UInt8]) -> ByteReader {
        ByteReader(bytes[...], context: "test")
    }

    @Test func fixedWidthIntegersAreLittleEndian() throws {
        let bytes = payload {
            $0.writeU8(0xAB)
            $0.writeU16(0x0102)
            $0.writeU32(0x0304_0506)
            $0.writeU64(0x0708_090A_0B0C_0D0E)
        }
        #expect(bytes == [0xAB, 0x02, 0x01, 0x06, 0x05, 0x04, 0x03, 0x0E, 0x0D, 0x0C, 0x0B, 0x0A, 0x09, 0x08, 0x07])
        var reader = makeReader(bytes)
        #expect(try reader.readU8("a") == 0xAB)
        #expect(try reader.readU16("b") == 0x0102)
        #expect(try reader.readU32("c") == 0x0304_0506)
        #expect(try reader.readU64("d") == 0x0708_090A_0B0C_0D0E)
        #expect(reader.isAtEnd)
    }

    static let varints: [(UInt64, [UInt8])] = [
        (0, [0x00]),
        (1, [0x01]),
        (127, [0x7F]),
        (128, [0x80, 0x01]),
        (300, [0xAC, 0x02]),
        (16_383, [0xFF, 0x7F]),
        (16_384, [0x80, 0x80, 0x01]),
        (UInt64(UInt32.max), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
        (1 << 63, [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]),
        (.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ]

    @Test(arguments: varints)
    func varintsAreShortestLEB128(value: UInt64, expected: [UInt8]) throws {
        let bytes = payload { $0.writeVarint(value) }
        #expect(bytes == expected)
        var reader = makeReader(bytes)
        #expect(try reader.readVarint("v") == value)
        #expect(reader.isAtEnd)
    }

    /// The reader's pointer fast path (ten or more bytes left) and its checked path (fewer) read
    /// every edge value alike, from any offset in a slice that does not start at 0.
    @Test(arguments: varints)
    func varintsReadAlikeOnTheFastAndCheckedPaths(value: UInt64, expected: [UInt8]) throws {
        for padding in [0, 1, 9, 10, 16] {
            let bytes: [UInt8] = [0xEE, 0xEE] + expected + Array(repeating: 0x7F, count: padding)
            var reader = ByteReader(bytes[1...], context: "test")
            #expect(try reader.readU8("skip") == 0xEE)
            #expect(try reader.readVarint("v") == value)
            #expect(reader.remaining == padding)
            var u32 = ByteReader(bytes[2...], context: "test")
            if let narrow = UInt32(exactly: value) {
                #expect(try u32.readVarint32("v") == narrow)
            }
        }
    }

    @Test func longerVarintFormsAreAcceptedOnTheFastPath() throws {
        var reader = makeReader([0x81, 0x80, 0x80, 0x00] + Array(repeating: 0, count: 10))
        #expect(try reader.readVarint("v") == 1)
        #expect(reader.remaining == 10)
        var nine = makeReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F] + Array(repeating: 0, count: 10))
        #expect(try nine.readVarint("v") == (1 << 63) - 1)
    }

    @Test func varintErrorsAreTheSameWithBytesAfterThem() {
        var eleven = makeReader(Array(repeating: 0x80, count: 10) + [0x00] + Array(repeating: 0, count: 10))
        #expect(throws: WireError.malformed("test, field 'v': varint longer than 10 bytes")) {
            try eleven.readVarint("v")
        }
        var overflow = makeReader(Array(repeating: 0xFF, count: 9) + [0x02] + Array(repeating: 0, count: 10))
        #expect(throws: WireError.malformed("test, field 'v': varint overflows 64 bits")) {
            try overflow.readVarint("v")
        }
    }

    @Test func fixedWidthIntegersReadFromAnUnalignedSliceOffset() throws {
        let bytes: [UInt8] = [9, 0x0E, 0x0D, 0x0C, 0x0B, 0x0A, 0x09, 0x08, 0x07, 0x02, 0x01]
        var reader = ByteReader(bytes[1...], context: "test")
        #expect(try reader.readU64("d") == 0x0708_090A_0B0C_0D0E)
        #expect(try reader.readU16("b") == 0x0102)
        #expect(throws: WireError.self) { try reader.readU8("end") }
    }

    @Test func longerVarintFormsWithinTenBytesAreAccepted() throws {
        var reader = makeReader([0x81, 0x80, 0x80, 0x00])
        #expect(try reader.readVarint("v") == 1)
    }

    @Test func varintsOverTenBytesOrSixtyFourBitsAreMalformed() {
        var eleven = makeReader([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00])
        #expect(throws: WireError.malformed("test, field 'v': varint longer than 10 bytes")) {
            try eleven.readVarint("v")
        }
        var overflow = makeReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02])
        #expect(throws: WireError.malformed("test, field 'v': varint overflows 64 bits")) {
            try overflow.readVarint("v")
        }
        var short = makeReader([0x80, 0x80])
        #expect(throws: WireError.truncated(context: "test", field: "v")) { try short.readVarint("v") }
    }

    @Test func thirtyTwoBitFieldsRefuseLargerValues() {
        var reader = makeReader(payload { $0.writeVarint(UInt64(UInt32.max) + 1) })
        #expect(throws: WireError.malformed("test, field 'n': value 4294967296 does not fit in 32 bits")) {
            try reader.readVarint32("n")
        }
    }

    static let zigzags: [(Int32, UInt64)] = [
        (0, 0), (-1, 1), (1, 2), (-2, 3), (2, 4), (.max, 0xFFFF_FFFE), (.min, 0xFFFF_FFFF),
    ]

    @Test(arguments: zigzags)
    func zigzag(value: Int32, encoded: UInt64) throws {
        let bytes = payload { $0.writeZigzag(value) }
        #expect(bytes == payload { $0.writeVarint(encoded) })
        var reader = makeReader(bytes)
        #expect(try reader.readZigzag32("z") == value)
    }

    @Test func doublesAreTheirBitPatternLittleEndian() throws {
        let bytes = payload { $0.writeDouble(1.0) }
        #expect(bytes == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
        for value in [0.0, -0.0, 0.25, -1e-300, .greatestFiniteMagnitude, .infinity, -.infinity, .ulpOfOne] {
            var reader = makeReader(payload { $0.writeDouble(value) })
            #expect(try reader.readDouble("d").bitPattern == value.bitPattern)
        }
    }

    @Test func boolsAreZeroOrOne() throws {
        #expect(payload { $0.writeBool(true) } == [1])
        #expect(payload { $0.writeBool(false) } == [0])
        var reader = makeReader([0, 1, 2])
        #expect(try reader.readBool("b") == false)
        #expect(try reader.readBool("b") == true)
        #expect(throws: WireError.malformed("test, field 'b': bool must be 0 or 1, got 2")) { try reader.readBool("b") }
    }

    @Test func stringsAreALengthThenUTF8() throws {
        #expect(payload { $0.writeString("hé") } == [3, 0x68, 0xC3, 0xA9])
        #expect(payload { $0.writeString("") } == [0])
        #expect(payload { $0.writeOptionalString(nil) } == [0])
        #expect(payload { $0.writeOptionalString("") } == [1, 0])
        for string in ["", "a", "日本語 🦆 ü", String(repeating: "x", count: 200), "nul\u{0}inside"] {
            var reader = makeReader(payload { $0.writeString(string) })
            #expect(try reader.readString("s") == string)
            #expect(reader.isAtEnd)
        }
        var optionals = makeReader(
            payload {
                $0.writeOptionalString(nil)
                $0.writeOptionalString("x")
            }
        )
        #expect(try optionals.readOptionalString("o") == nil)
        #expect(try optionals.readOptionalString("o") == "x")
    }

    @Test func stringsOverTheLimitAreCutAtAScalarBoundary() throws {
        let limit = WireLimits.maximumStringLength
        let ascii = String(repeating: "a", count: limit + 10)
        var reader = makeReader(payload { $0.writeString(ascii) })
        #expect(try reader.readString("s") == String(repeating: "a", count: limit))

        // "é" is two bytes: an odd limit would split the last one, so it is dropped whole.
        let accented = String(repeating: "a", count: limit - 1) + "é"
        var accentedReader = makeReader(payload { $0.writeString(accented) })
        #expect(try accentedReader.readString("s") == String(repeating: "a", count: limit - 1))

        let ducks = String(repeating: "🦆", count: limit)  // Four bytes each.
        var duckReader = makeReader(payload { $0.writeString(ducks) })
        let decoded = try duckReader.readString("s")
        #expect(decoded == String(repeating: "🦆", count: limit / 4))

        let exact = String(repeating: "b", count: limit)
        var exactReader = makeReader(payload { $0.writeString(exact) })
        #expect(try exactReader.readString("s") == exact)
    }

    @Test func stringLengthsAreCheckedBeforeAllocating() {
        var huge = makeReader(payload { $0.writeVarint(UInt64(1) << 30) })
        #expect(
            throws: WireError.malformed("test, field 's': string of 1073741824 bytes exceeds the limit of 16384")
        ) { try huge.readString("s") }
        var short = makeReader([5, 0x61, 0x62])
        #expect(throws: WireError.truncated(context: "test", field: "s")) { try short.readString("s") }
    }

    @Test func invalidUTF8IsMalformed() {
        for bad: [UInt8] in [[0xFF], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x61, 0x80]] {
            var reader = makeReader([UInt8(bad.count)] + bad)
            #expect(throws: WireError.malformed("test, field 's': string is not valid UTF-8")) {
                try reader.readString("s")
            }
        }
    }

    @Test func listCountsAreCheckedBeforeReserving() throws {
        var huge = makeReader(payload { $0.writeVarint(UInt64(1_000_000_000)) })
        #expect(
            throws: WireError.malformed("test, field 'xs': list of 1000000000 elements exceeds the limit of 1048576")
        ) {
            try huge.readCount("xs")
        }
        var tooFewBytes = makeReader(payload { $0.writeVarint(UInt64(1_000)) } + [1, 2, 3])
        #expect(throws: WireError.truncated(context: "test", field: "xs")) { try tooFewBytes.readCount("xs") }
        var sized = makeReader([2, 0, 0, 0])
        #expect(throws: WireError.truncated(context: "test", field: "xs")) {
            try sized.readCount("xs", minimumElementSize: 2)
        }
    }

    @Test func errorsInsideListsNameTheElement() {
        var reader = makeReader([2, 1, 0, 1, 7])
        #expect(throws: WireError.malformed("test, field 'flags[1].on': bool must be 0 or 1, got 7")) {
            try reader.readList("flags") { (reader: inout ByteReader) throws(WireError) in
                _ = try reader.readU8("n")
                return try reader.readBool("on")
            }
        }
    }

    @Test func readsPastTheEndThrowInsteadOfTrapping() {
        var reader = makeReader([1, 2, 3])
        #expect(throws: WireError.truncated(context: "test", field: "x")) { try reader.readU32("x") }
        #expect(throws: WireError.truncated(context: "test", field: "x")) { try reader.readU64("x") }
        #expect(throws: WireError.truncated(context: "test", field: "x")) { try reader.readBytes(4, "x") }
        #expect(throws: WireError.truncated(context: "test", field: "x")) { try reader.readDouble("x") }
        #expect(reader.remaining == 3)
        var empty = makeReader([])
        #expect(throws: WireError.truncated(context: "test", field: "x")) { try empty.readU8("x") }
        #expect(throws: WireError.truncated(context: "test", field: "x")) { try empty.readU16("x") }
    }

    @Test func errorDescriptionsSayWhatAndWhere() {
        #expect(
            WireError.frameTooLong(length: 5_000_000, limit: 4_194_304).description
                == "frame length 5000000 exceeds the limit of 4194304 bytes"
        )
        #expect(
            WireError.truncated(context: "events frame", field: "events[2].label").description
                == "truncated events frame: the bytes end before field 'events[2].label'"
        )
        #expect(WireError.malformed("hello frame, field 'x': y").description == "malformed hello frame, field 'x': y")
        #expect(WireError.unsupportedVersion(2).description.contains("2"))
        #expect(WireError.emptyFrame.description.contains("0"))
        #expect(WireError.badMagic.description.contains("magic"))
    }
}
