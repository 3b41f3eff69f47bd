import Testing

@testable import DeferscopeWire

/// Bytes no agent would send: each gives its own `WireError`, never a trap or a large allocation.
@Suite struct HostileInputTests {
    private let valid = FrameEncoder().encode(.command(.requestSnapshot(requestID: 1)))

    private func lengthField(_ length: UInt32) -> [UInt8] {
        payload { $0.writeU32(length) }
    }

    @Test func aZeroLengthIsAnEmptyFrame() {
        #expect(decodeError(lengthField(0)) == .emptyFrame)
        #expect(decodeError(lengthField(0) + valid) == .emptyFrame)
        #expect(decodeError(valid + lengthField(0)) == .emptyFrame)
    }

    @Test func aLengthOverTheLimitThrowsBeforeThePayloadArrives() throws {
        let limit = WireLimits.maximumFrameLength
        for length in [UInt32(limit + 1), UInt32(limit * 2), .max] {
            var decoder = FrameDecoder()
            decoder.append(lengthField(length).prefix(3))
            #expect(try decoder.next() == nil)
            decoder.append(lengthField(length).suffix(1))
            #expect(throws: WireError.frameTooLong(length: Int(length), limit: limit)) { try decoder.next() }
            #expect(decoder.bufferedByteCount == 0)
        }
    }

    @Test func afterAnErrorTheDecoderKeepsThrowingIt() {
        var decoder = FrameDecoder()
        decoder.append(lengthField(0))
        #expect(throws: WireError.emptyFrame) { try decoder.next() }
        decoder.append(valid)
        #expect(throws: WireError.emptyFrame) { try decoder.next() }
        #expect(throws: WireError.emptyFrame) { try decoder.next() }
        #expect(decoder.bufferedByteCount == 0)
    }

    @Test func aPayloadCutShortByItsLengthIsTruncatedEvenWithFramesAfterIt() {
        // lost: count (varint) then reason (u8); the length covers the kind and the count only.
        let short = rawFrame(kind: FrameKind.lost.rawValue, payload: [0x05])
        #expect(
            decodeError(short + valid + valid) == .truncated(context: "lost frame", field: "reason")
        )
        let noPayload = rawFrame(kind: FrameKind.heartbeat.rawValue, payload: [])
        #expect(decodeError(noPayload + valid) == .truncated(context: "heartbeat frame", field: "monotonicNow"))
        let event = payload { writer in
            writer.writeCount(1)
            writer.writeU8(0)
            writer.writeU8(0)
            writer.writeU16(0)
            writer.writeVarint(UInt64(1))
            writer.writeVarint(UInt64(1))
            writer.writeU8(0x80)  // A varint that does not end.
            writer.writeU8(0x80)
            writer.writeU8(0x80)
        }
        #expect(
            decodeError(rawFrame(kind: FrameKind.events.rawValue, payload: event) + valid)
                == .truncated(context: "events frame", field: "events[0].timestamp")
        )
    }

    @Test func aStringClaimingAGigabyteIsRefusedBeforeAllocating() {
        let reply = payload {
            $0.writeVarint(UInt64(1))
            $0.writeBool(true)
            $0.writeVarint(UInt64(1) << 30)
        }
        #expect(
            decodeError(rawFrame(kind: FrameKind.reply.rawValue, payload: reply + [0x41, 0x42]))
                == .malformed("reply frame, field 'message': string of 1073741824 bytes exceeds the limit of 16384")
        )
        let overRemaining = payload {
            $0.writeVarint(UInt64(1))
            $0.writeBool(true)
            $0.writeVarint(UInt64(100))
        }
        #expect(
            decodeError(rawFrame(kind: FrameKind.reply.rawValue, payload: overRemaining + [0x41]))
                == .truncated(context: "reply frame", field: "message")
        )
    }

    @Test func aListClaimingABillionElementsIsRefusedBeforeReserving() {
        let events = payload { $0.writeVarint(UInt64(1_000_000_000)) }
        #expect(
            decodeError(rawFrame(kind: FrameKind.events.rawValue, payload: events))
                == .malformed("events frame, field 'events': list of 1000000000 elements exceeds the limit of 1048576")
        )
        // Within the limit, but more elements than the bytes left could hold.
        let sites = payload { $0.writeVarint(UInt64(WireLimits.maximumListCount)) } + [1, 0, 1]
        #expect(
            decodeError(rawFrame(kind: FrameKind.sites.rawValue, payload: sites))
                == .truncated(context: "sites frame", field: "sites")
        )
        let chunk =
            payload {
                $0.writeVarint(UInt64(1))
                $0.writeVarint(UInt64(2))
            } + [UInt8](repeating: 0, count: 30)
        #expect(
            decodeError(rawFrame(kind: FrameKind.snapshotChunk.rawValue, payload: chunk))
                == .truncated(context: "snapshotChunk frame", field: "chains")
        )
    }

    @Test func invalidUTF8IsMalformed() {
        let types =
            payload {
                $0.writeCount(2)
                $0.writeVarint(UInt64(1))
                $0.writeString("Int")
                $0.writeVarint(UInt64(2))
                $0.writeVarint(UInt64(2))
            } + [0xC3, 0x28]
        #expect(
            decodeError(rawFrame(kind: FrameKind.types.rawValue, payload: types))
                == .malformed("types frame, field 'types[1].name': string is not valid UTF-8")
        )
    }

    @Test func aBoolOtherThanZeroOrOneIsMalformed() {
        var hello = FrameEncoder().encode(.hello(Fixtures.hello))
        hello[hello.count - 1] = 2
        #expect(decodeError(hello) == .malformed("hello frame, field 'includesValues': bool must be 0 or 1, got 2"))

        var chain = FrameEncoder().encode(
            .snapshotChunk(SnapshotChunk(snapshotID: 1, chains: [ChainRecord(id: 1, sequence: 0)]))
        )
        chain[chain.count - 1] = 0xFF  // failureTaken
        #expect(
            decodeError(chain)
                == .malformed("snapshotChunk frame, field 'chains[0].failureTaken': bool must be 0 or 1, got 255")
        )
    }

    @Test func unknownEnumRawValuesAreMalformed() {
        let begin = payload {
            $0.writeVarint(UInt64(1))
            $0.writeVarint(UInt64(1))
            $0.writeU8(3)
        }
        #expect(
            decodeError(rawFrame(kind: FrameKind.snapshotBegin.rawValue, payload: begin))
                == .malformed("snapshotBegin frame, field 'reason': unknown value 3")
        )
        #expect(
            decodeError(rawFrame(kind: FrameKind.lost.rawValue, payload: [1, 9]))
                == .malformed("lost frame, field 'reason': unknown value 9")
        )
        var chain = FrameEncoder().encode(
            .snapshotChunk(SnapshotChunk(snapshotID: 1, chains: [ChainRecord(id: 1, sequence: 0)]))
        )
        // length(4) kind(1) snapshotID(1) count(1) id(1) sequence(1) label(1) siteID(1) createdAt(1), then phase.
        chain[12] = 4
        #expect(
            decodeError(chain) == .malformed("snapshotChunk frame, field 'chains[0].phase': unknown value 4")
        )
        #expect(
            decodeError(rawFrame(kind: FrameKind.command.rawValue, payload: [4, 1]))
                == .malformed("command frame, field 'command': unknown value 4")
        )
    }

    @Test func unknownPresenceBitsAreMalformed() {
        var bytes = FrameEncoder().encode(.events([EventRecord(kindRawValue: 0, id: 1, sequence: 1, timestamp: 1)]))
        // length(4) kind(1) count(1) kind(1) flags(1), then the presence mask.
        bytes[9] = 0x02
        #expect(
            decodeError(bytes) == .malformed("events frame, field 'events[0].presence': unknown field bits 0x200")
        )
    }

    @Test func trailingBytesInsideAFrameAreMalformed() {
        let heartbeat = FrameEncoder().encode(
            .heartbeat(Heartbeat(monotonicNow: 1, liveCount: 2, droppedByAgent: 3, droppedByRecorder: 4))
        )
        let padded = rawFrame(kind: FrameKind.heartbeat.rawValue, payload: Array(heartbeat[5...]) + [0])
        #expect(decodeError(padded) == .malformed("heartbeat frame: 1 byte left after the last field"))
        let command = rawFrame(kind: FrameKind.command.rawValue, payload: [1, 7, 0, 0])
        #expect(decodeError(command) == .malformed("command frame: 2 bytes left after the last field"))
    }

    @Test func anElevenByteVarintIsMalformed() {
        let end = [UInt8](repeating: 0x80, count: 10) + [0x00, 0x01]
        #expect(
            decodeError(rawFrame(kind: FrameKind.snapshotEnd.rawValue, payload: end))
                == .malformed("snapshotEnd frame, field 'snapshotID': varint longer than 10 bytes")
        )
    }

    @Test func aThirtyTwoBitFieldOverflowingIsMalformed() {
        let end = payload {
            $0.writeVarint(UInt64(1) << 32)
            $0.writeVarint(UInt64(0))
        }
        #expect(
            decodeError(rawFrame(kind: FrameKind.snapshotEnd.rawValue, payload: end))
                == .malformed("snapshotEnd frame, field 'snapshotID': value 4294967296 does not fit in 32 bits")
        )
    }

    @Test func aHelloWithBadMagicOrVersionIsRefused() {
        var hello = FrameEncoder().encode(.hello(Fixtures.hello))
        hello[5] = 0x45  // "E" for "D"
        #expect(decodeError(hello) == .badMagic)

        let short = rawFrame(kind: FrameKind.hello.rawValue, payload: [0x44, 0x53])
        #expect(decodeError(short) == .truncated(context: "hello frame", field: "magic"))

        var future = Fixtures.hello
        future.protocolVersion = 2
        #expect(decodeError(FrameEncoder().encode(.hello(future))) == .unsupportedVersion(2))
        future.protocolVersion = 0
        #expect(decodeError(FrameEncoder().encode(.hello(future))) == .unsupportedVersion(0))

        // Version 2 may lay out the rest differently: only the magic and version are read.
        let newer = rawFrame(kind: FrameKind.hello.rawValue, payload: Hello.magic + [0x02, 0x00, 0xFF])
        #expect(decodeError(newer) == .unsupportedVersion(2))
    }

    @Test func anOptionalStringPresenceByteMustBeABool() {
        let reply = FrameEncoder().encode(
            .snapshotChunk(SnapshotChunk(snapshotID: 1, chains: [ChainRecord(id: 1, sequence: 0)]))
        )
        var bytes = reply
        bytes[9] = 5  // The label's presence byte.
        #expect(
            decodeError(bytes) == .malformed("snapshotChunk frame, field 'chains[0].label': bool must be 0 or 1, got 5")
        )
    }
}
