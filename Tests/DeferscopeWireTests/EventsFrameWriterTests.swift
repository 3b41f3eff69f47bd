import DeferredKit
import Testing

@testable import DeferscopeWire

/// The agent's direct events-frame writer makes exactly the bytes `FrameEncoder` makes for the
/// records the events would become, at every varint and buffer boundary.
@Suite struct EventsFrameWriterTests {
    /// Varint edges: one byte, two, the largest of each width, and the widest.
    static let edges: [UInt64] = [
        0, 1, 0x7F, 0x80, 0x3FFF, 0x4000, 0x1F_FFFF, 0x20_0000, UInt64(UInt32.max), 1 << 56, UInt64.max,
    ]

    /// The record `RecordEncoder` would make for `event` with these ids and label.
    static func record(_ event: DeferredEvent, siteID: UInt32, label: String?, typeID: UInt32) -> EventRecord {
        var record = EventRecord(
            kindRawValue: event.kind.rawValue,
            flags: event.flags.rawValue,
            id: event.id.rawValue,
            sequence: event.sequence,
            timestamp: event.timestamp
        )
        record.siteID = siteID
        record.label = label
        record.stepIndex = Int32(clamping: event.stepIndex)
        record.stepKindRawValue = event.stepKind?.rawValue
        record.duration = event.duration
        record.outcome = event.outcome.map {
            WireOutcome(isFailure: $0.isFailure, typeID: typeID, valueDescription: $0.valueDescription)
        }
        record.other = event.other?.rawValue ?? 0
        record.timeoutSeconds = event.timeoutSeconds
        record.thread = event.thread
        return record
    }

    /// A varied event: every field takes values from `edges` in turn.
    static func event(_ n: Int) -> (DeferredEvent, siteID: UInt32, label: String?, typeID: UInt32) {
        func edge(_ k: Int) -> UInt64 { edges[(n &* 7 &+ k) % edges.count] }
        let kind = DeferredEvent.Kind.allCases[n % DeferredEvent.Kind.allCases.count]
        var event = DeferredEvent(
            kind: kind,
            id: DeferredID(rawValue: edge(0)),
            sequence: UInt32(truncatingIfNeeded: edge(1)),
            timestamp: edge(2)
        )
        event.flags = DeferredEvent.Flags(rawValue: UInt8(truncatingIfNeeded: n))
        event.stepIndex = [-1, 0, 63, 64, -65, Int.max, Int.min, 8191, 8192][n % 9]
        event.stepKind = n % 3 == 0 ? nil : StepKind.allCases[n % StepKind.allCases.count]
        event.duration = edge(3)
        if n % 4 != 0 {
            event.outcome = OutcomeSummary(
                isFailure: n % 2 == 0,
                type: Int.self,
                valueDescription: n % 5 == 0 ? "value \(n) é" : nil
            )
        }
        event.other = n % 6 == 0 ? nil : DeferredID(rawValue: edge(4))
        event.timeoutSeconds = [0, 1.5, -0.0, 30][n % 4]
        event.thread = edge(5)
        let label: String? = n % 7 == 0 ? nil : (n % 11 == 0 ? "" : "step \(n) ✓")
        return (event, UInt32(truncatingIfNeeded: edge(6)), label, UInt32(truncatingIfNeeded: edge(7)))
    }

    /// Writes `count` events as one frame with `writer` and as records with `FrameEncoder`.
    static func bothEncodings(count: Int, from first: Int = 0, writer: EventsFrameWriter) -> ([UInt8], [UInt8]) {
        var records: [EventRecord] = []
        writer.beginFrame()
        for n in first..<(first + count) {
            let (event, siteID, label, typeID) = event(n)
            writer.append(event, siteID: siteID, label: label, outcomeTypeID: typeID)
            records.append(record(event, siteID: siteID, label: label, typeID: typeID))
        }
        writer.endFrame(count: count)
        return (writer.takeBytes(), FrameEncoder().encode(.events(records)))
    }

    @Test(arguments: [0, 1, 2, 126, 127, 128, 129, 300, 4_096, EventsFrameWriter.maximumEventsPerFrame])
    func framesMatchTheRecordEncoding(count: Int) throws {
        let writer = EventsFrameWriter(initialCapacity: 0)
        let (direct, viaRecords) = Self.bothEncodings(count: count, writer: writer)
        #expect(direct == viaRecords)
        let frames = try decodeAll(direct).get()
        guard case .events(let decoded) = frames.first, frames.count == 1 else {
            Issue.record("expected one events frame")
            return
        }
        #expect(decoded.count == count)
    }

    @Test func everyEventAloneMatches() {
        let writer = EventsFrameWriter(initialCapacity: 0)
        for first in 0..<200 {
            let (direct, viaRecords) = Self.bothEncodings(count: 1, from: first, writer: writer)
            #expect(direct == viaRecords, "event \(first)")
        }
    }

    @Test func severalFramesAccumulateUntilTaken() throws {
        let writer = EventsFrameWriter(initialCapacity: 16)
        var expected: [UInt8] = []
        for (index, count) in [3, 200, 1].enumerated() {
            writer.beginFrame()
            var records: [EventRecord] = []
            for n in 0..<count {
                let (event, siteID, label, typeID) = Self.event(n + index)
                writer.append(event, siteID: siteID, label: label, outcomeTypeID: typeID)
                records.append(Self.record(event, siteID: siteID, label: label, typeID: typeID))
            }
            writer.endFrame(count: count)
            expected += FrameEncoder().encode(.events(records))
        }
        #expect(writer.takeBytes() == expected)
        #expect(writer.takeBytes().isEmpty)
        #expect(try decodeAll(expected).get().count == 3)
    }

    @Test func longStringsAreCutAsTheByteWriterCutsThem() {
        let writer = EventsFrameWriter(initialCapacity: 0)
        var event = DeferredEvent(kind: .fired, id: DeferredID(rawValue: 9), sequence: 2, timestamp: 3)
        let long = String(repeating: "é", count: WireLimits.maximumStringLength)
        event.outcome = OutcomeSummary(isFailure: true, type: String.self, valueDescription: long)
        writer.beginFrame()
        writer.append(event, siteID: 1, label: long, outcomeTypeID: 4)
        writer.endFrame(count: 1)
        let expected = FrameEncoder().encode(.events([Self.record(event, siteID: 1, label: long, typeID: 4)]))
        #expect(writer.takeBytes() == expected)
    }

    @Test func aCancelledFrameLeavesNothing() {
        let writer = EventsFrameWriter()
        writer.beginFrame()
        let (event, siteID, label, typeID) = Self.event(5)
        writer.append(event, siteID: siteID, label: label, outcomeTypeID: typeID)
        writer.cancelFrame()
        #expect(!writer.isInFrame)
        #expect(writer.takeBytes().isEmpty)
    }
}
