@testable import DeferscopeWire

/// Sample frames covering every kind, with ordinary and edge values.
enum Fixtures {
    static let hello = Hello(
        pid: 4242,
        processName: "server",
        executablePath: "/usr/local/bin/server",
        processStartTime: 1_700_000_000_000_000_000,
        monotonicBase: 123_456_789,
        wallClockAtBase: 1_700_000_001_000_000_000,
        liveCount: 17,
        includesValues: true
    )

    static let helloEdges = Hello(
        pid: -1,
        processName: "",
        executablePath: "/tmp/ünïcødé/日本語/🦆",
        processStartTime: .max,
        monotonicBase: 0,
        wallClockAtBase: .max,
        liveCount: 1 << 63,
        includesValues: false
    )

    static let sites = [
        SiteDefinition(id: 1, fileID: "App/Server.swift", line: 42),
        SiteDefinition(id: .max, fileID: "", line: .max),
        SiteDefinition(id: 3, fileID: "Ünïcode/ファイル.swift", line: 0),
    ]

    static let types = [
        TypeDefinition(id: 1, name: "Int"),
        TypeDefinition(id: 2, name: "Array<Dictionary<String, Optional<Int>>>"),
        TypeDefinition(id: .max, name: ""),
    ]

    /// A record with every optional field away from its default, at extreme values.
    static var fullEvent: EventRecord {
        var event = EventRecord(kindRawValue: 3, flags: 0xFF, id: .max, sequence: .max, timestamp: .max)
        event.siteID = .max
        event.label = "étape — 🚀"
        event.stepIndex = .min
        event.stepKindRawValue = 9
        event.duration = .max
        event.outcome = WireOutcome(isFailure: true, typeID: .max, valueDescription: "TimeoutError(5.0 s)")
        event.other = .max
        event.timeoutSeconds = 1e300
        event.thread = .max
        return event
    }

    static var events: [EventRecord] {
        var created = EventRecord(kindRawValue: 0, id: 1, sequence: 1, timestamp: 1_000)
        created.siteID = 1
        created.label = "fetch user"
        created.thread = 0x7F00_1234_5678
        var stepAdded = EventRecord(kindRawValue: 1, id: 1, sequence: 2, timestamp: 1_001)
        stepAdded.stepIndex = 0
        stepAdded.stepKindRawValue = 0
        stepAdded.label = ""
        var stepRan = EventRecord(kindRawValue: 3, flags: 0b11, id: 1, sequence: 3, timestamp: 2_000)
        stepRan.stepIndex = 0
        stepRan.stepKindRawValue = 0
        stepRan.duration = 12_345
        stepRan.outcome = WireOutcome(isFailure: false, typeID: 1)
        stepRan.other = 2
        var negative = EventRecord(kindRawValue: 3, id: 2, sequence: 4, timestamp: 3_000)
        negative.stepIndex = -2
        var timeout = EventRecord(kindRawValue: 9, id: 2, sequence: 5, timestamp: 3_001)
        timeout.timeoutSeconds = 0.25
        let fromTheFuture = EventRecord(kindRawValue: 200, flags: 0x80, id: 9, sequence: 1, timestamp: 9)
        var emptyDescription = EventRecord(kindRawValue: 13, flags: 4, id: 3, sequence: 2, timestamp: 4)
        emptyDescription.outcome = WireOutcome(isFailure: true, typeID: 0, valueDescription: "")
        return [
            created, stepAdded, stepRan, negative, timeout, fromTheFuture, emptyDescription, fullEvent,
            EventRecord(kindRawValue: 0, id: 0, sequence: 0, timestamp: 0),
        ]
    }

    static var fullChain: ChainRecord {
        ChainRecord(
            id: .max,
            sequence: .max,
            label: "the whole chain 🔗",
            siteID: .max,
            createdAt: .max,
            phase: .waiting,
            waitingOn: .max,
            outcome: WireOutcome(isFailure: true, typeID: 7, valueDescription: "boom"),
            userPauses: .max,
            isRunning: true,
            chainedTo: .max,
            stepsRun: .max,
            pendingSteps: [
                ChainRecord.Step(index: 0, kindRawValue: 0, label: nil, siteID: 1, feeds: 0),
                ChainRecord.Step(index: .max, kindRawValue: 250, label: "", siteID: .max, feeds: .max),
                ChainRecord.Step(index: 2, kindRawValue: 4, label: "chain → other", siteID: 2, feeds: 77),
            ],
            waiters: [1, .max, 0],
            timeoutSeconds: 30,
            timeoutArmedAt: .max,
            hasCanceller: true,
            everFired: true,
            failureTaken: true
        )
    }

    static var chains: [ChainRecord] {
        [
            ChainRecord(id: 1, sequence: 0),
            fullChain,
            ChainRecord(id: 2, sequence: 3, phase: .succeeded, outcome: WireOutcome(isFailure: false, typeID: 1)),
            ChainRecord(id: 3, sequence: 9, label: "", phase: .failed, timeoutSeconds: -0.5),
        ]
    }

    /// One or more frames of every kind but `unknown`.
    static var frames: [Frame] {
        [
            .hello(hello),
            .hello(helloEdges),
            .sites(sites),
            .sites([]),
            .types(types),
            .types([]),
            .snapshotBegin(SnapshotBegin(snapshotID: 1, estimatedCount: 4, reason: .attach)),
            .snapshotBegin(SnapshotBegin(snapshotID: .max, estimatedCount: .max, reason: .requested)),
            .snapshotChunk(SnapshotChunk(snapshotID: 1, chains: chains)),
            .snapshotChunk(SnapshotChunk(snapshotID: 2, chains: [])),
            .snapshotEnd(SnapshotEnd(snapshotID: 1, count: 4)),
            .snapshotEnd(SnapshotEnd(snapshotID: .max, count: .max)),
            .events(events),
            .events([]),
            .lost(Lost(count: 1_000, reason: .clientTooSlow)),
            .lost(Lost(count: .max, reason: .paused)),
            .heartbeat(Heartbeat(monotonicNow: 5, liveCount: 0, droppedByAgent: 1 << 40, droppedByRecorder: .max)),
            .reply(Reply(requestID: 7, ok: true, message: "cancelled 0x2a")),
            .reply(Reply(requestID: 0, ok: false, message: "")),
            .command(.cancel(requestID: 1, deferredID: .max)),
            .command(.pauseStream(requestID: 2)),
            .command(.resumeStream(requestID: .max)),
            .command(.requestSnapshot(requestID: 0)),
        ]
    }
}

/// The bytes of a frame assembled by hand: a length covering `kind` and `payload`.
func rawFrame(kind: UInt8, payload: [UInt8]) -> [UInt8] {
    var writer = ByteWriter()
    writer.writeU32(UInt32(payload.count + 1))
    writer.writeU8(kind)
    return writer.bytes + payload
}

/// A payload written with the codec's own primitives.
func payload(_ write: (inout ByteWriter) -> Void) -> [UInt8] {
    var writer = ByteWriter()
    write(&writer)
    return writer.bytes
}

/// Every frame `bytes` hold, or the error they end with.
func decodeAll(_ bytes: [UInt8]) -> Result<[Frame], WireError> {
    var decoder = FrameDecoder()
    decoder.append(bytes)
    var frames: [Frame] = []
    do {
        while let frame = try decoder.next() {
            frames.append(frame)
        }
    } catch {
        return .failure(error)
    }
    return .success(frames)
}

/// The error decoding `bytes` ends with, or nil.
func decodeError(_ bytes: [UInt8]) -> WireError? {
    if case .failure(let error) = decodeAll(bytes) { return error }
    return nil
}

/// The bytes of `frames`, one after another.
func encodeAll(_ frames: [Frame]) -> [UInt8] {
    let encoder = FrameEncoder()
    var bytes: [UInt8] = []
    for frame in frames {
        encoder.encode(frame, into: &bytes)
    }
    return bytes
}

/// SplitMix64: a small, fast, seedable generator, so the randomized tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
