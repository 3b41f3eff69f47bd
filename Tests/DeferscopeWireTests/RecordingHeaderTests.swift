import Testing

@testable import DeferscopeWire

/// The 20-byte header of a `.dsrec` file.
@Suite struct RecordingHeaderTests {
    @Test func theHeaderRoundTrips() throws {
        for createdAt: UInt64 in [0, 1_700_000_000_123_456_789, .max] {
            let header = RecordingHeader(createdAt: createdAt)
            let bytes = header.encoded()
            #expect(bytes.count == RecordingHeader.length)
            #expect(try RecordingHeader(decoding: bytes) == header)
        }
    }

    @Test func theLayoutIsMagicVersionReservedTime() {
        let bytes = RecordingHeader(createdAt: 0x0102_0304_0506_0708).encoded()
        #expect(
            bytes == [
                0x44, 0x53, 0x52, 0x45, 0x43, 0x0A, 0x1A, 0x00, 0x01, 0x00, 0x00, 0x00, 0x08, 0x07, 0x06, 0x05, 0x04,
                0x03,
                0x02, 0x01,
            ]
        )
    }

    @Test func framesAfterTheHeaderAreIgnoredByIt() throws {
        let header = RecordingHeader(createdAt: 42)
        let file = header.encoded() + encodeAll(Fixtures.frames)
        #expect(try RecordingHeader(decoding: file) == header)
        #expect(try decodeAll(Array(file.dropFirst(RecordingHeader.length))).get() == Fixtures.frames)
    }

    @Test func aShortHeaderIsTruncated() {
        let bytes = RecordingHeader(createdAt: 42).encoded()
        #expect(throws: WireError.truncated(context: "recording header", field: "createdAt")) {
            try RecordingHeader(decoding: bytes.prefix(19))
        }
        #expect(throws: WireError.truncated(context: "recording header", field: "magic")) {
            try RecordingHeader(decoding: [UInt8]())
        }
        #expect(throws: WireError.truncated(context: "recording header", field: "version")) {
            try RecordingHeader(decoding: bytes.prefix(9))
        }
    }

    @Test func aBadMagicIsRefused() {
        var bytes = RecordingHeader(createdAt: 42).encoded()
        bytes[5] = 0x0D  // A text-mode transfer's "\r".
        #expect(throws: WireError.badMagic) { try RecordingHeader(decoding: bytes) }
        #expect(throws: WireError.badMagic) {
            try RecordingHeader(decoding: FrameEncoder().encode(.hello(Fixtures.hello)))
        }
    }

    @Test func aNewerOrZeroVersionIsRefused() {
        #expect(throws: WireError.unsupportedVersion(2)) {
            try RecordingHeader(decoding: RecordingHeader(version: 2, createdAt: 1).encoded())
        }
        #expect(throws: WireError.unsupportedVersion(0xFFFF)) {
            try RecordingHeader(decoding: RecordingHeader(version: 0xFFFF, createdAt: 1).encoded())
        }
        #expect(throws: WireError.unsupportedVersion(0)) {
            try RecordingHeader(decoding: RecordingHeader(version: 0, createdAt: 1).encoded())
        }
    }

    @Test func theReservedFieldIsIgnored() throws {
        var bytes = RecordingHeader(createdAt: 9).encoded()
        bytes[10] = 0xAB
        #expect(try RecordingHeader(decoding: bytes) == RecordingHeader(createdAt: 9))
    }
}
