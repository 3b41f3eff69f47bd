import DeferredKit
import DeferscopeWire

extension AgentServer {
    /// Most events in one frame.
    static let eventsPerFrame = 4_096

    /// One round of the agent's work besides the sockets: replies, events, resynchronizations,
    /// snapshot chunks, heartbeats.
    func pump() {
        deliverPostedReplies()
        streamEvents()
        startOwedResyncs()
        advanceSnapshots()
        sendHeartbeatIfDue()
    }

    /// Moves the buffered events to every session that wants them, one encoding shared by all.
    /// Events no session wants (every one paused, or lost and waiting for its resync) are only
    /// counted: nothing is encoded for nobody.
    func streamEvents() {
        // The loop works on local copies, swapped out of the server and back: its stored
        // properties cost an exclusivity check on every access, which was a tenth of this loop.
        var spares: [[DeferredEvent]] = []
        swap(&spares, &self.spares)
        defer { swap(&spares, &self.spares) }
        let dropped = buffer.drain(into: &spares)
        if dropped > 0 {
            counters.withLock { $0.droppedByAgent &+= dropped }
            for session in sessions where !session.closed {
                session.lose(dropped, because: .agentBufferFull)
                session.lostToAgentBuffer &+= dropped
            }
        }
        let frameWriter = self.frameWriter
        var encoder = RecordEncoder()
        var inFrame = 0
        var skipping = !anySessionWantsEvents
        var skipped = 0
        var drained = 0
        for index in spares.indices where !spares[index].isEmpty {
            drained += spares[index].count
            swap(&encoder, &self.encoder)
            spares[index].withUnsafeBufferPointer { events in
                for position in events.indices {
                    if skipping {
                        skipped += events.count - position
                        break
                    }
                    if inFrame == 0 {
                        frameWriter.beginFrame()
                    }
                    encoder.append(events[position], to: frameWriter)
                    inFrame += 1
                    if inFrame == Self.eventsPerFrame || frameWriter.currentFrameLength > Self.frameLengthLimit {
                        frameWriter.endFrame(count: inFrame)
                        // Distributing sends the definitions, which the server's encoder holds.
                        swap(&encoder, &self.encoder)
                        distribute(frameWriter.takeBytes(), count: UInt64(inFrame))
                        swap(&encoder, &self.encoder)
                        inFrame = 0
                        skipping = !anySessionWantsEvents
                    }
                }
            }
            swap(&encoder, &self.encoder)
            spares[index].removeAll(keepingCapacity: true)
        }
        if inFrame > 0 {
            frameWriter.endFrame(count: inFrame)
            distribute(frameWriter.takeBytes(), count: UInt64(inFrame))
        }
        if skipped > 0 {
            for session in sessions where !session.closed {
                session.lose(UInt64(skipped), because: session.paused ? .paused : session.lossReason)
            }
        }
        if drained < Self.quietDrain * spares.count { shrinkSpares(&spares) }
    }

    /// Events per shard a buffer array keeps room for between bursts (64 KB of events).
    static let keptSpareCapacity = max(256, (64 << 10) / MemoryLayout<DeferredEvent>.stride)
    /// A drain with fewer events than this per shard means no burst is going on.
    static let quietDrain = keptSpareCapacity / 4

    /// After a burst (the agent fell behind and the shards filled, up to `eventBufferCapacity`
    /// events: megabytes), the arrays that grew go back to their usual size, and the memory to the
    /// system: the app's resident size does not keep its worst moment. The big arrays take turns
    /// between shard and spare, so two quiet drains shrink them all.
    private func shrinkSpares(_ spares: inout [[DeferredEvent]]) {
        var freed = 0
        for index in spares.indices where spares[index].capacity > Self.keptSpareCapacity {
            freed += spares[index].capacity * MemoryLayout<DeferredEvent>.stride
            spares[index] = []
            spares[index].reserveCapacity(Self.keptSpareCapacity)
        }
        if freed >= MemoryTrim.threshold { MemoryTrim.returnFreedMemory() }
    }

    /// A frame is ended once it is this long: an event adds at most a label, cut to 256 bytes,
    /// and a value description, cut to 160 characters, so the frame stays well inside the limit.
    static let frameLengthLimit = WireLimits.maximumFrameLength - (64 << 10)

    /// Whether some session takes events now.
    private var anySessionWantsEvents: Bool {
        sessions.contains { $0.wantsEvents }
    }

    /// Sends one events frame to every session with room; the others lose those events.
    private func distribute(_ bytes: [UInt8], count: UInt64) {
        broadcastNewDefinitions()
        for session in sessions where !session.closed {
            if session.paused {
                session.lose(count, because: .paused)
                continue
            }
            guard session.wantsEvents else {
                session.lose(count, because: session.lossReason)
                continue
            }
            let isRecording = session.commandFD == nil
            // A recording's reader holds events around a snapshot too, but a file is read later and
            // at its own pace: only live clients get the smaller limit.
            let limit =
                session.snapshot != nil && !isRecording
                ? queueLimitDuringSnapshot : queueLimit(forRecording: isRecording)
            if session.sink.pendingBytes + bytes.count > limit || session.sink.isBroken {
                session.lose(count, because: .clientTooSlow)
                continue
            }
            if let file = session.sink as? FileSink {
                file.enqueue(bytes, events: count)
            } else {
                session.sink.enqueue(bytes)
            }
        }
    }

    /// Definitions made since they were last sent go to every session, before anything that
    /// refers to them. They are never dropped.
    func broadcastNewDefinitions() {
        let (sites, types) = encoder.takeNewDefinitions()
        guard !sites.isEmpty || !types.isEmpty else { return }
        var bytes: [UInt8] = []
        frameEncoder.encode(splitting: Array(sites), as: Frame.sites, into: &bytes)
        frameEncoder.encode(splitting: Array(types), as: Frame.types, into: &bytes)
        for session in sessions where !session.closed {
            session.sink.enqueue(bytes)
        }
    }

    /// Sessions that lost events are told, once their queue has drained, and sent a new
    /// snapshot: after it their picture is whole again.
    private func startOwedResyncs() {
        let lowWater = snapshotHighWater / 4
        for session in sessions where !session.closed && session.owesResync && session.sink.pendingBytes < lowWater {
            if session.sink.isBroken {
                continue
            }
            session.sink.enqueue(frameEncoder.encode(.lost(Lost(count: session.lostCount, reason: session.lossReason))))
            session.lostCount = 0
            session.resyncAfterPause = false
            startSnapshot(for: session, reason: .resync)
        }
    }

    /// Begins (or restarts) a snapshot for `session`. Events are turned on first, so that the
    /// walk and the events after it join exactly.
    func startSnapshot(for session: Session, reason: SnapshotReason) {
        if !eventsEnabled {
            eventsEnabled = true
            DeferredInstrumentation.setEventsEnabled(true)
        }
        let id = session.nextSnapshotID
        session.nextSnapshotID &+= 1
        session.snapshot = Session.SnapshotProgress(id: id, walk: DeferredRegistry.Walk())
        let begin = SnapshotBegin(snapshotID: id, estimatedCount: UInt64(DeferredRegistry.count), reason: reason)
        session.sink.enqueue(frameEncoder.encode(.snapshotBegin(begin)))
    }

    /// Adds snapshot chunks for sessions whose queue has room: a few per round, so that a huge
    /// snapshot never keeps the loop from collecting events.
    private func advanceSnapshots() {
        for session in sessions where !session.closed && session.snapshot != nil {
            advanceSnapshot(of: session, rounds: 8, highWater: snapshotHighWater)
        }
    }

    /// When the agent stops, a recording's snapshot in progress is completed, so that the events
    /// recorded around it replay (a reader holds events until the snapshot ends). Live clients
    /// are going away and get no more.
    func finishRecordingSnapshots() {
        for session in sessions where !session.closed && session.commandFD == nil {
            while session.snapshot != nil, !session.sink.isBroken {
                advanceSnapshot(of: session, rounds: .max, highWater: .max)
            }
        }
    }

    private func advanceSnapshot(of session: Session, rounds limit: Int, highWater: Int) {
        var rounds = 0
        while rounds < limit, session.sink.pendingBytes < highWater, var progress = session.snapshot {
            rounds += 1
            guard let batch = progress.walk.next(maxBatchSize: configuration.snapshotChunkSize) else {
                // Every event a chain made before the walk read it is in the buffer (events are
                // buffered under the chain's lock, which the walk takes). Sent before the end, they
                // are all covered by the join; sent after it, a client would apply them twice.
                streamEvents()
                let end = SnapshotEnd(snapshotID: progress.id, count: progress.sent)
                session.sink.enqueue(frameEncoder.encode(.snapshotEnd(end)))
                session.snapshot = nil
                break
            }
            var chains: [ChainRecord] = []
            chains.reserveCapacity(batch.count)
            for index in batch.indices {
                chains.append(encoder.record(batch[index]))
            }
            broadcastNewDefinitions()
            var bytes: [UInt8] = []
            let snapshotID = progress.id
            frameEncoder.encode(
                splitting: chains,
                as: { .snapshotChunk(SnapshotChunk(snapshotID: snapshotID, chains: $0)) },
                into: &bytes
            )
            session.sink.enqueue(bytes)
            progress.sent &+= UInt64(chains.count)
            session.snapshot = progress
        }
    }

    private func sendHeartbeatIfDue() {
        let now = Posix.monotonicNanoseconds()
        guard now &- lastHeartbeat >= 1_000_000_000 else { return }
        lastHeartbeat = now
        let heartbeat = Heartbeat(
            monotonicNow: now,
            liveCount: UInt64(DeferredRegistry.count),
            droppedByAgent: counters.withLock { $0.droppedByAgent },
            droppedByRecorder: droppedByRecorder
        )
        let bytes = frameEncoder.encode(.heartbeat(heartbeat))
        for session in sessions where !session.closed {
            session.sink.enqueue(bytes)
        }
    }
}
