import Testing

@testable import DeferscopeWire

/// The decoder as bytes trickle in: splits, several frames at once, unknown kinds.
@Suite struct StreamingTests {
    @Test func framesSplitAtEveryByteDecodeTheSame() throws {
        let frames = Fixtures.frames
        let bytes = encodeAll(frames)
        var decoder = FrameDecoder()
        var decoded: [Frame] = []
        for byte in bytes {
            decoder.append(CollectionOfOne(byte))
            while let frame = try decoder.next() {
                decoded.append(frame)
            }
        }
        #expect(decoded == frames)
        #expect(decoder.bufferedByteCount == 0)
    }

    @Test func eachFrameSplitAtEachBoundaryDecodesTheSame() throws {
        for frame in Fixtures.frames {
            let bytes = FrameEncoder().encode(frame)
            for split in 0...bytes.count {
                var decoder = FrameDecoder()
                decoder.append(bytes[..<split])
                let early = try decoder.next()
                #expect(early == (split == bytes.count ? frame : nil))
                decoder.append(bytes[split...])
                let late = try decoder.next()
                #expect((early ?? late) == frame)
                #expect(try decoder.next() == nil)
            }
        }
    }

    @Test func severalFramesInOneBufferDecodeInOrder() throws {
        let frames = Fixtures.frames + Fixtures.frames.reversed()
        #expect(try decodeAll(encodeAll(frames)).get() == frames)
    }

    @Test func rawBufferPointersCanBeAppended() throws {
        let bytes = encodeAll(Fixtures.frames)
        var decoder = FrameDecoder()
        bytes.withUnsafeBytes { decoder.append($0) }
        #expect(decoder.bufferedByteCount == bytes.count)
        var decoded: [Frame] = []
        while let frame = try decoder.next() {
            decoded.append(frame)
        }
        #expect(decoded == Fixtures.frames)
    }

    @Test func bufferedByteCountFollowsWhatIsLeft() throws {
        let first = FrameEncoder().encode(.command(.pauseStream(requestID: 1)))
        let second = FrameEncoder().encode(.command(.resumeStream(requestID: 2)))
        var decoder = FrameDecoder()
        #expect(decoder.bufferedByteCount == 0)
        decoder.append(first + second.prefix(3))
        #expect(decoder.bufferedByteCount == first.count + 3)
        #expect(try decoder.next() == .command(.pauseStream(requestID: 1)))
        #expect(decoder.bufferedByteCount == 3)
        #expect(try decoder.next() == nil)
        decoder.append(second.dropFirst(3))
        #expect(try decoder.next() == .command(.resumeStream(requestID: 2)))
        #expect(decoder.bufferedByteCount == 0)
    }

    @Test func unknownFrameKindsAreSkipped() throws {
        let unknown = rawFrame(kind: 0x7F, payload: [1, 2, 3, 4, 5])
        let empty = rawFrame(kind: 0xFF, payload: [])
        let next = FrameEncoder().encode(.snapshotEnd(SnapshotEnd(snapshotID: 3, count: 9)))
        let frames = try decodeAll(unknown + empty + next).get()
        #expect(
            frames == [
                .unknown(kind: 0x7F, length: 6), .unknown(kind: 0xFF, length: 1),
                .snapshotEnd(SnapshotEnd(snapshotID: 3, count: 9)),
            ]
        )
    }

    @Test func unknownFramesSplitByteByByteAreSkippedToo() throws {
        let bytes = rawFrame(kind: 0x99, payload: Array(repeating: 0xEE, count: 100)) + encodeAll(Fixtures.frames)
        var decoder = FrameDecoder()
        var decoded: [Frame] = []
        for byte in bytes {
            decoder.append([byte])
            while let frame = try decoder.next() {
                decoded.append(frame)
            }
        }
        #expect(decoded == [.unknown(kind: 0x99, length: 101)] + Fixtures.frames)
    }

    @Test func aLongStreamKeepsTheBufferSmall() throws {
        // Many frames appended a few at a time: the decoder compacts as it goes.
        let frame = Frame.events(Fixtures.events)
        let bytes = FrameEncoder().encode(frame)
        var decoder = FrameDecoder()
        var count = 0
        for round in 0..<2_000 {
            // Appending a frame and a half keeps a partial frame buffered across appends.
            decoder.append(
                round.isMultiple(of: 2)
                    ? bytes + bytes.prefix(bytes.count / 2) : bytes.suffix(bytes.count - bytes.count / 2) + bytes
            )
            while let decoded = try decoder.next() {
                #expect(decoded == frame)
                count += 1
            }
            #expect(decoder.bufferedByteCount < bytes.count)
        }
        #expect(count == 3_000)
    }

    @Test func aFrameOfExactlyTheMaximumLengthIsAccepted() throws {
        // An unknown kind with the longest payload allowed.
        let payloadLength = WireLimits.maximumFrameLength - 1
        var bytes = rawFrame(kind: 0xF0, payload: [UInt8](repeating: 0, count: payloadLength))
        bytes += FrameEncoder().encode(.command(.requestSnapshot(requestID: 1)))
        #expect(
            try decodeAll(bytes).get() == [
                .unknown(kind: 0xF0, length: WireLimits.maximumFrameLength), .command(.requestSnapshot(requestID: 1)),
            ]
        )
    }
}
