import Testing

@testable import DeferscopeWire

/// Deterministic random inputs: the decoder yields frames or a `WireError` for any bytes, and
/// never holds more than one frame's worth of unread bytes.
@Suite struct FuzzTests {
    /// The most a decoder may hold after `next()` returned nil: a length field and a frame.
    private let bufferBound = 4 + WireLimits.maximumFrameLength

    /// Feeds `bytes` in random pieces, draining after each; returns the frames and the error, if
    /// any, and checks the decoder's invariants along the way.
    private func feed(_ bytes: [UInt8], using generator: inout SplitMix64) -> (frames: [Frame], error: WireError?) {
        var decoder = FrameDecoder()
        var frames: [Frame] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + Int.random(in: 1...64, using: &generator))
            decoder.append(bytes[start..<end])
            start = end
            do {
                while let frame = try decoder.next() {
                    frames.append(frame)
                }
            } catch {
                #expect(decoder.bufferedByteCount == 0)
                // The error sticks.
                #expect(throws: error) { try decoder.next() }
                return (frames, error)
            }
            #expect(decoder.bufferedByteCount <= bufferBound)
        }
        return (frames, nil)
    }

    @Test func randomBytesNeverCrashTheDecoder() {
        var generator = SplitMix64(seed: 0x5EED_0001)
        var outcomes = (frames: 0, errors: 0)
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...48, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let result = feed(bytes, using: &generator)
            outcomes.frames += result.frames.count
            outcomes.errors += result.error == nil ? 0 : 1
        }
        #expect(outcomes.errors > 0)
    }

    @Test func randomPayloadsOfKnownKindsNeverCrashTheDecoder() {
        // A well-formed length and a known kind, so the payload decoders see the random bytes.
        var generator = SplitMix64(seed: 0x5EED_0002)
        var decodedFrames = 0
        for _ in 0..<5_000 {
            let kind = FrameKind.allCases.randomElement(using: &generator)!.rawValue
            let count = Int.random(in: 0...40, using: &generator)
            let body = (0..<count).map { _ in
                // Small values are likelier to be valid counts, lengths, bools and enum values.
                Bool.random(using: &generator)
                    ? UInt8.random(in: 0...3, using: &generator) : UInt8.random(in: 0...255, using: &generator)
            }
            let result = feed(rawFrame(kind: kind, payload: body), using: &generator)
            decodedFrames += result.frames.count
        }
        #expect(decodedFrames > 0)
    }

    @Test func mutatedEncodingsNeverCrashTheDecoder() {
        var generator = SplitMix64(seed: 0x5EED_0003)
        let corpus = Fixtures.frames.map { FrameEncoder().encode($0) }
        var errors = 0
        for _ in 0..<4_000 {
            var bytes = corpus.randomElement(using: &generator)!
            if Bool.random(using: &generator) {
                bytes += corpus.randomElement(using: &generator)!
            }
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                mutate(&bytes, using: &generator)
            }
            if feed(bytes, using: &generator).error != nil {
                errors += 1
            }
        }
        #expect(errors > 0)
    }

    @Test func hugeClaimedLengthsNeverBuffer() {
        var generator = SplitMix64(seed: 0x5EED_0004)
        for _ in 0..<1_000 {
            let length = UInt32.random(in: UInt32(WireLimits.maximumFrameLength + 1)...UInt32.max, using: &generator)
            var decoder = FrameDecoder()
            decoder.append(payload { $0.writeU32(length) })
            #expect(throws: WireError.frameTooLong(length: Int(length), limit: WireLimits.maximumFrameLength)) {
                try decoder.next()
            }
            decoder.append([UInt8](repeating: 0, count: 100))
            #expect(decoder.bufferedByteCount == 0)
        }
    }

    /// One random change: flip, replace, insert, delete, truncate, or a new length field.
    private func mutate(_ bytes: inout [UInt8], using generator: inout SplitMix64) {
        guard !bytes.isEmpty else {
            bytes.append(UInt8.random(in: 0...255, using: &generator))
            return
        }
        let index = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<6, using: &generator) {
        case 0:
            bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
        case 1:
            bytes[index] = [0x00, 0x01, 0x02, 0x7F, 0x80, 0xFF].randomElement(using: &generator)!
        case 2:
            bytes.insert(UInt8.random(in: 0...255, using: &generator), at: index)
        case 3:
            bytes.remove(at: index)
        case 4:
            bytes.removeSubrange(index...)
        default:
            // Keep the frame's length in step with a payload change, so the payload decoder sees it.
            if bytes.count >= 5 {
                let length = UInt32(bytes.count - 4)
                bytes.replaceSubrange(0..<4, with: payload { $0.writeU32(length) })
                bytes[min(bytes.count - 1, 5 + index % max(1, bytes.count - 5))] ^= 0x40
            }
        }
    }
}
