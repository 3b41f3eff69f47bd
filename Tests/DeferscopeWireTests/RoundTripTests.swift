import DeferredKit
import Testing

@testable import DeferscopeWire

/// Every frame kind decodes to what was encoded, and the layout is as documented.
@Suite struct RoundTripTests {
    @Test(arguments: Fixtures.frames)
    func everyFrameRoundTrips(frame: Frame) throws {
        let bytes = FrameEncoder().encode(frame)
        #expect(try decodeAll(bytes).get() == [frame])
    }

    @Test func everyKnownKindIsCovered() {
        let covered = Set(Fixtures.frames.compactMap(\.kind))
        #expect(covered == Set(FrameKind.allCases))
    }

    @Test func theFrameLayoutIsLengthKindPayload() {
        let bytes = FrameEncoder().encode(.lost(Lost(count: 300, reason: .agentBufferFull)))
        // length 4 (kind + 3 payload bytes), kind 0x21, count varint 300, reason 1.
        #expect(bytes == [4, 0, 0, 0, 0x21, 0xAC, 0x02, 0x01])
    }

    @Test func encodingIntoAppends() {
        var buffer: [UInt8] = [9, 9]
        let encoder = FrameEncoder()
        encoder.encode(.command(.pauseStream(requestID: 5)), into: &buffer)
        #expect(buffer == [9, 9, 3, 0, 0, 0, 0x40, 1, 5])
        encoder.encode(
            .heartbeat(Heartbeat(monotonicNow: 1, liveCount: 2, droppedByAgent: 3, droppedByRecorder: 4)),
            into: &buffer
        )
        #expect(buffer.count == 2 + 7 + 9)
        #expect(Array(buffer[9...]) == [5, 0, 0, 0, 0x22, 1, 2, 3, 4])
    }

    @Test func helloStartsWithMagicAndVersion() {
        let bytes = FrameEncoder().encode(.hello(Fixtures.hello))
        #expect(Array(bytes[4..<11]) == [0x01, 0x44, 0x53, 0x43, 0x50, 0x01, 0x00])
    }

    @Test func aMinimalEventIsSevenBytes() {
        let event = EventRecord(kindRawValue: 5, flags: 2, id: 1, sequence: 2, timestamp: 3)
        let bytes = FrameEncoder().encode(.events([event]))
        #expect(bytes == [9, 0, 0, 0, 0x20, 1, 5, 2, 0, 0, 1, 2, 3])
    }

    @Test func eventFieldsAtTheirDefaultsAreNotSent() {
        var event = EventRecord(kindRawValue: 3, id: 1, sequence: 2, timestamp: 3)
        event.siteID = 0
        event.stepIndex = -1
        event.other = 0
        #expect(event.presence == 0)
        event.stepIndex = 4
        event.stepKindRawValue = 1
        #expect(event.presence == EventRecord.Presence.stepIndex | EventRecord.Presence.stepKind)
        #expect(Fixtures.fullEvent.presence == EventRecord.Presence.known)
    }

    @Test func eachOptionalEventFieldRoundTripsAlone() throws {
        let base = EventRecord(kindRawValue: 2, id: 10, sequence: 3, timestamp: 99)
        var variants: [EventRecord] = []
        var record = base
        record.siteID = 5
        variants.append(record)
        record = base
        record.label = "x"
        variants.append(record)
        record = base
        record.label = ""
        variants.append(record)
        for index: Int32 in [0, 1, -2, .max, .min] {
            record = base
            record.stepIndex = index
            variants.append(record)
        }
        record = base
        record.stepKindRawValue = 0
        variants.append(record)
        record = base
        record.duration = 1
        variants.append(record)
        record = base
        record.outcome = WireOutcome(isFailure: false, typeID: 0)
        variants.append(record)
        record = base
        record.other = 1
        variants.append(record)
        record = base
        record.timeoutSeconds = 5e-9
        variants.append(record)
        record = base
        record.thread = 1
        variants.append(record)
        let frame = Frame.events(variants)
        #expect(try decodeAll(FrameEncoder().encode(frame)).get() == [frame])
    }

    @Test func negativeZeroTimeoutKeepsItsSign() throws {
        var event = EventRecord(kindRawValue: 9, id: 1, sequence: 1, timestamp: 1)
        event.timeoutSeconds = -0.0
        guard case .events(let decoded) = try decodeAll(FrameEncoder().encode(.events([event]))).get().first else {
            Issue.record("not an events frame")
            return
        }
        #expect(decoded[0].timeoutSeconds.bitPattern == (-0.0 as Double).bitPattern)
    }

    @Test func unknownEventAndStepKindsArePreserved() throws {
        var event = EventRecord(kindRawValue: 0xEE, flags: 0xFF, id: 1, sequence: 1, timestamp: 1)
        event.stepKindRawValue = 0xDD
        event.stepIndex = 3
        let decoded = try decodeAll(FrameEncoder().encode(.events([event]))).get()
        guard case .events(let records) = decoded.first else {
            Issue.record("not an events frame")
            return
        }
        #expect(records == [event])
        #expect(records[0].kind == nil)
        #expect(records[0].stepKind == nil)
        #expect(records[0].kindRawValue == 0xEE)
        #expect(records[0].stepKindRawValue == 0xDD)
    }

    @Test func aLargeEventBatchRoundTrips() throws {
        var generator = SplitMix64(seed: 7)
        let records = (0..<5_000).map { _ in RandomFrames.event(using: &generator) }
        let frame = Frame.events(records)
        #expect(try decodeAll(FrameEncoder().encode(frame)).get() == [frame])
    }

    @Test func randomFramesRoundTrip() throws {
        var generator = SplitMix64(seed: 0xDEC0DE)
        for _ in 0..<500 {
            let frame = RandomFrames.frame(using: &generator)
            #expect(try decodeAll(FrameEncoder().encode(frame)).get() == [frame])
        }
    }
}

/// Random but valid frames, for round trips.
enum RandomFrames {
    static func string(using generator: inout SplitMix64) -> String {
        let alphabet: [Character] = ["a", "Z", "0", " ", "/", "é", "日", "🦆", "\u{0}", "\n"]
        let count = Int.random(in: 0...12, using: &generator)
        return String((0..<count).map { _ in alphabet.randomElement(using: &generator)! })
    }

    static func optionalString(using generator: inout SplitMix64) -> String? {
        Bool.random(using: &generator) ? string(using: &generator) : nil
    }

    /// Small, medium, or extreme, so that every varint length shows up.
    static func u64(using generator: inout SplitMix64) -> UInt64 {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return 0
        case 1: return UInt64.random(in: 0..<300, using: &generator)
        case 2: return generator.next() >> UInt64.random(in: 0..<64, using: &generator)
        default: return .max
        }
    }

    static func u32(using generator: inout SplitMix64) -> UInt32 {
        UInt32(truncatingIfNeeded: u64(using: &generator))
    }

    static func outcome(using generator: inout SplitMix64) -> WireOutcome? {
        guard Bool.random(using: &generator) else { return nil }
        return WireOutcome(
            isFailure: Bool.random(using: &generator),
            typeID: u32(using: &generator),
            valueDescription: optionalString(using: &generator)
        )
    }

    static func event(using generator: inout SplitMix64) -> EventRecord {
        var event = EventRecord(
            kindRawValue: UInt8.random(in: 0...255, using: &generator),
            flags: UInt8.random(in: 0...255, using: &generator),
            id: u64(using: &generator),
            sequence: u32(using: &generator),
            timestamp: u64(using: &generator)
        )
        if Bool.random(using: &generator) { event.siteID = u32(using: &generator) }
        if Bool.random(using: &generator) { event.label = string(using: &generator) }
        if Bool.random(using: &generator) { event.stepIndex = Int32(truncatingIfNeeded: generator.next()) }
        if Bool.random(using: &generator) { event.stepKindRawValue = UInt8.random(in: 0...255, using: &generator) }
        if Bool.random(using: &generator) { event.duration = u64(using: &generator) }
        event.outcome = outcome(using: &generator)
        if Bool.random(using: &generator) { event.other = u64(using: &generator) }
        if Bool.random(using: &generator) { event.timeoutSeconds = Double.random(in: -1e9...1e9, using: &generator) }
        if Bool.random(using: &generator) { event.thread = u64(using: &generator) }
        return event
    }

    static func chain(using generator: inout SplitMix64) -> ChainRecord {
        let stepCount = Int.random(in: 0...3, using: &generator)
        let waiterCount = Int.random(in: 0...3, using: &generator)
        return ChainRecord(
            id: u64(using: &generator),
            sequence: u32(using: &generator),
            label: optionalString(using: &generator),
            siteID: u32(using: &generator),
            createdAt: u64(using: &generator),
            phase: ChainRecord.Phase(rawValue: UInt8.random(in: 0...3, using: &generator))!,
            waitingOn: u64(using: &generator),
            outcome: outcome(using: &generator),
            userPauses: u32(using: &generator),
            isRunning: Bool.random(using: &generator),
            chainedTo: u64(using: &generator),
            stepsRun: u32(using: &generator),
            pendingSteps: (0..<stepCount).map { _ in
                ChainRecord.Step(
                    index: u32(using: &generator),
                    kindRawValue: UInt8.random(in: 0...255, using: &generator),
                    label: optionalString(using: &generator),
                    siteID: u32(using: &generator),
                    feeds: u64(using: &generator)
                )
            },
            omittedPendingSteps: u32(using: &generator),
            waiters: (0..<waiterCount).map { _ in u64(using: &generator) },
            omittedWaiters: u32(using: &generator),
            timeoutSeconds: Double.random(in: 0...3_600, using: &generator),
            timeoutArmedAt: u64(using: &generator),
            hasCanceller: Bool.random(using: &generator),
            everFired: Bool.random(using: &generator),
            failureTaken: Bool.random(using: &generator)
        )
    }

    static func frame(using generator: inout SplitMix64) -> Frame {
        let count = Int.random(in: 0...4, using: &generator)
        switch FrameKind.allCases.randomElement(using: &generator)! {
        case .hello:
            return .hello(
                Hello(
                    pid: Int32(truncatingIfNeeded: generator.next()),
                    processName: string(using: &generator),
                    executablePath: string(using: &generator),
                    processStartTime: u64(using: &generator),
                    monotonicBase: u64(using: &generator),
                    wallClockAtBase: u64(using: &generator),
                    liveCount: u64(using: &generator),
                    includesValues: Bool.random(using: &generator)
                )
            )
        case .sites:
            return .sites(
                (0..<count).map { _ in
                    SiteDefinition(
                        id: u32(using: &generator),
                        fileID: string(using: &generator),
                        line: u32(using: &generator)
                    )
                }
            )
        case .types:
            return .types(
                (0..<count).map { _ in TypeDefinition(id: u32(using: &generator), name: string(using: &generator)) }
            )
        case .snapshotBegin:
            return .snapshotBegin(
                SnapshotBegin(
                    snapshotID: u32(using: &generator),
                    estimatedCount: u64(using: &generator),
                    reason: SnapshotReason(rawValue: UInt8.random(in: 0...2, using: &generator))!
                )
            )
        case .snapshotChunk:
            return .snapshotChunk(
                SnapshotChunk(
                    snapshotID: u32(using: &generator),
                    chains: (0..<count).map { _ in chain(using: &generator) }
                )
            )
        case .snapshotEnd:
            return .snapshotEnd(SnapshotEnd(snapshotID: u32(using: &generator), count: u64(using: &generator)))
        case .events:
            return .events((0..<count).map { _ in event(using: &generator) })
        case .lost:
            return .lost(
                Lost(
                    count: u64(using: &generator),
                    reason: LossReason(rawValue: UInt8.random(in: 0...2, using: &generator))!
                )
            )
        case .heartbeat:
            return .heartbeat(
                Heartbeat(
                    monotonicNow: u64(using: &generator),
                    liveCount: u64(using: &generator),
                    droppedByAgent: u64(using: &generator),
                    droppedByRecorder: u64(using: &generator)
                )
            )
        case .reply:
            return .reply(
                Reply(
                    requestID: u32(using: &generator),
                    ok: Bool.random(using: &generator),
                    message: string(using: &generator)
                )
            )
        case .command:
            let requestID = u32(using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: return .command(.cancel(requestID: requestID, deferredID: u64(using: &generator)))
            case 1: return .command(.pauseStream(requestID: requestID))
            case 2: return .command(.resumeStream(requestID: requestID))
            default: return .command(.requestSnapshot(requestID: requestID))
            }
        }
    }
}

/// The byte dumps in `docs/protocol.md`, "Worked examples".
@Suite struct DocumentedExampleTests {
    @Test func theCancelCommand() {
        let bytes = FrameEncoder().encode(.command(.cancel(requestID: 3, deferredID: 300)))
        #expect(bytes == [0x05, 0x00, 0x00, 0x00, 0x40, 0x00, 0x03, 0xAC, 0x02])
    }

    @Test func theCreatedEvent() {
        var event = EventRecord(kindRawValue: 0, id: 7, sequence: 1, timestamp: 1_000)
        event.siteID = 1
        event.label = "db"
        event.thread = 0x1234
        let bytes = FrameEncoder().encode(.events([event]))
        let expected: [UInt8] = [
            0x10, 0x00, 0x00, 0x00, 0x20, 0x01, 0x00, 0x00, 0x03, 0x01, 0x07, 0x01, 0xE8, 0x07, 0x01, 0x02, 0x64,
            0x62, 0xB4, 0x24,
        ]
        #expect(bytes == expected)
    }
}

/// Which snapshot records hold a failure nobody will handle.
@Suite struct UnhandledFailureTests {
    private func failed(_ steps: [StepKind], taken: Bool = false, running: Bool = false) -> ChainRecord {
        ChainRecord(
            id: 1,
            sequence: 3,
            phase: .failed,
            isRunning: running,
            pendingSteps: steps.enumerated().map { index, kind in
                ChainRecord.Step(index: UInt32(index), kindRawValue: kind.rawValue, label: nil, siteID: 0, feeds: 0)
            },
            failureTaken: taken
        )
    }

    @Test func aFailureWithNoStepLeftThatHandlesItIsUnhandled() {
        #expect(failed([]).hasUnhandledFailure)
        #expect(failed([.callback, .timeout, .timeoutDisarm]).hasUnhandledFailure)
    }

    @Test func aStepThatHandlesFailuresOrAnotherChainTakingItMeansHandled() {
        for kind in [StepKind.errback, .both, .callbacks, .chain, .await, .collect, .race] {
            #expect(!failed([.callback, kind]).hasUnhandledFailure, "\(kind)")
        }
        #expect(!failed([], taken: true).hasUnhandledFailure)
        #expect(!failed([], running: true).hasUnhandledFailure)
        #expect(!ChainRecord(id: 2, sequence: 1, phase: .succeeded).hasUnhandledFailure)
    }
}
