import DeferredKit

/// Writes `events` frames straight from `DeferredEvent`s, for the agent's thread: the bytes are
/// the same as `FrameEncoder` makes for the `EventRecord`s the events would become, without
/// building those records (they hold optional strings and outcomes, which cost a copy and a
/// destroy each) and without appending a byte at a time.
///
/// Bytes go into storage this writer owns, written through a pointer after one capacity check
/// per event; ``takeBytes()`` hands them over as one array. Call sites and types are given as ids
/// the caller has defined (and sent) before the frame.
///
/// Use: ``beginFrame()``, ``append(_:siteID:label:outcomeTypeID:)`` for each event, then
/// ``endFrame(count:)``. Keep a frame under `WireLimits.maximumFrameLength` by ending it once
/// ``currentFrameLength`` comes near it: one event adds at most a few strings, each cut to
/// `WireLimits.maximumStringLength`.
package final class EventsFrameWriter {
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    /// Bytes written.
    package private(set) var count = 0
    private var frameStart = -1

    /// The most bytes one event's fixed-size fields take (every varint at its longest).
    static let maximumFixedEventSize = 96

    /// The most events one frame may hold: their count is written as a varint of at most two
    /// bytes, so that the frame's head has a fixed place for it.
    package static let maximumEventsPerFrame = (1 << 14) - 1

    /// A writer with room for `initialCapacity` bytes (it grows as needed).
    package init(initialCapacity: Int = 1 << 16) {
        capacity = max(256, initialCapacity)
        storage = .allocate(byteCount: capacity, alignment: 8)
    }

    deinit {
        storage.deallocate()
    }

    /// Whether a frame is open.
    package var isInFrame: Bool { frameStart >= 0 }

    /// How long the open frame's payload and kind are so far (what its length field will say).
    package var currentFrameLength: Int { frameStart < 0 ? 0 : count - frameStart - 4 }

    /// Opens an events frame: the length and count are filled in by ``endFrame(count:)``.
    package func beginFrame() {
        precondition(frameStart < 0, "EventsFrameWriter: a frame is already open")
        reserve(7)
        frameStart = count
        // Length (4 bytes, later), kind, and two bytes for the count's varint.
        storage.storeBytes(of: FrameKind.events.rawValue, toByteOffset: count + 4, as: UInt8.self)
        count += 7
    }

    /// Closes the open frame, which holds `eventCount` events.
    package func endFrame(count eventCount: Int) {
        precondition(frameStart >= 0, "EventsFrameWriter: no frame is open")
        precondition(
            eventCount >= 0 && eventCount <= Self.maximumEventsPerFrame,
            "EventsFrameWriter: too many events for one frame"
        )
        let countAt = frameStart + 5
        if eventCount < 0x80 {
            // A one-byte count: the events move back by the unused byte.
            let body = count - (countAt + 2)
            if body > 0 {
                (storage + countAt + 1).copyMemory(from: storage + countAt + 2, byteCount: body)
            }
            count -= 1
            storage.storeBytes(of: UInt8(eventCount), toByteOffset: countAt, as: UInt8.self)
        } else {
            storage.storeBytes(of: UInt8(truncatingIfNeeded: eventCount) | 0x80, toByteOffset: countAt, as: UInt8.self)
            storage.storeBytes(
                of: UInt8(truncatingIfNeeded: eventCount >> 7),
                toByteOffset: countAt + 1,
                as: UInt8.self
            )
        }
        let length = UInt32(truncatingIfNeeded: count - frameStart - 4)
        storage.storeBytes(of: length.littleEndian, toByteOffset: frameStart, as: UInt32.self)
        frameStart = -1
    }

    /// Drops the open frame and everything in it.
    package func cancelFrame() {
        guard frameStart >= 0 else { return }
        count = frameStart
        frameStart = -1
    }

    /// The bytes of the frames closed so far, as one array; the writer is empty afterwards.
    package func takeBytes() -> [UInt8] {
        precondition(frameStart < 0, "EventsFrameWriter: a frame is still open")
        let used = count
        count = 0
        return [UInt8](unsafeUninitializedCapacity: used) { buffer, initialized in
            if used > 0 {
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(start: storage, count: used)
                )
            }
            initialized = used
        }
    }

    /// Appends one event as the `EventRecord` it would become, with `siteID` for its site,
    /// `label` (already shortened) and `outcomeTypeID` for its outcome's type (ignored without one).
    package func append(
        _ event: borrowing DeferredEvent,
        siteID: UInt32,
        label: String?,
        outcomeTypeID: UInt32
    ) {
        let stepIndex = Int32(clamping: event.stepIndex)
        let other = event.other?.rawValue ?? 0
        let timeoutBits = event.timeoutSeconds.bitPattern
        var mask: UInt16 = 0
        if siteID != 0 { mask |= EventRecord.Presence.siteID }
        if label != nil { mask |= EventRecord.Presence.label }
        if stepIndex != -1 { mask |= EventRecord.Presence.stepIndex }
        if event.stepKind != nil { mask |= EventRecord.Presence.stepKind }
        if event.duration != 0 { mask |= EventRecord.Presence.duration }
        if event.outcome != nil { mask |= EventRecord.Presence.outcome }
        if other != 0 { mask |= EventRecord.Presence.other }
        if timeoutBits != 0 { mask |= EventRecord.Presence.timeoutSeconds }
        if event.thread != 0 { mask |= EventRecord.Presence.thread }

        reserve(Self.maximumFixedEventSize)
        var p = storage + count
        p.storeBytes(of: event.kind.rawValue, as: UInt8.self)
        (p + 1).storeBytes(of: event.flags.rawValue, as: UInt8.self)
        (p + 2).storeBytes(of: mask.littleEndian, as: UInt16.self)
        p += 4
        p = Self.putVarint(event.id.rawValue, at: p)
        p = Self.putVarint(UInt64(event.sequence), at: p)
        p = Self.putVarint(event.timestamp, at: p)
        if siteID != 0 { p = Self.putVarint(UInt64(siteID), at: p) }
        if let label {
            count = p - storage
            appendString(label)
            reserve(Self.maximumFixedEventSize)
            p = storage + count
        }
        if stepIndex != -1 {
            let zigzag = UInt32(bitPattern: (stepIndex << 1) ^ (stepIndex >> 31))
            p = Self.putVarint(UInt64(zigzag), at: p)
        }
        if let stepKind = event.stepKind {
            p.storeBytes(of: stepKind.rawValue, as: UInt8.self)
            p += 1
        }
        if event.duration != 0 { p = Self.putVarint(event.duration, at: p) }
        if let outcome = event.outcome {
            p.storeBytes(of: outcome.isFailure ? 1 : 0, as: UInt8.self)
            p = Self.putVarint(UInt64(outcomeTypeID), at: p + 1)
            if let description = outcome.valueDescription {
                p.storeBytes(of: 1, as: UInt8.self)
                count = p + 1 - storage
                appendString(description)
                reserve(Self.maximumFixedEventSize)
                p = storage + count
            } else {
                p.storeBytes(of: 0, as: UInt8.self)
                p += 1
            }
        }
        if other != 0 { p = Self.putVarint(other, at: p) }
        if timeoutBits != 0 {
            p.storeBytes(of: timeoutBits.littleEndian, as: UInt64.self)
            p += 8
        }
        if event.thread != 0 { p = Self.putVarint(event.thread, at: p) }
        count = p - storage
    }

    /// A string as `ByteWriter.writeString` writes it: varint length, then the UTF-8 bytes, cut
    /// at a scalar boundary to `WireLimits.maximumStringLength`.
    private func appendString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            let length = ByteWriter.truncatedLength(utf8)
            reserve(10 + length)
            let p = Self.putVarint(UInt64(length), at: storage + count)
            if length > 0 {
                p.copyMemory(from: utf8.baseAddress!, byteCount: length)
            }
            count = p + length - storage
        }
    }

    /// Unsigned LEB128 at `p`, which has room for ten bytes; returns the byte after it.
    @inline(__always)
    static func putVarint(_ value: UInt64, at p: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        if value < 0x80 {
            p.storeBytes(of: UInt8(truncatingIfNeeded: value), as: UInt8.self)
            return p + 1
        }
        var rest = value
        var q = p
        while rest >= 0x80 {
            q.storeBytes(of: UInt8(truncatingIfNeeded: rest) | 0x80, as: UInt8.self)
            q += 1
            rest >>= 7
        }
        q.storeBytes(of: UInt8(truncatingIfNeeded: rest), as: UInt8.self)
        return q + 1
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity {
            grow(toAtLeast: count + extra)
        }
    }

    @inline(never)
    private func grow(toAtLeast needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed {
            newCapacity *= 2
        }
        let newStorage = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
        newStorage.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }
}
