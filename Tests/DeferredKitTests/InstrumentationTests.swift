import DeferredKit
import Dispatch
import Synchronization
import Testing

extension GlobalStateTests {
    /// The events a chain reports, and the registry a late observer walks.
    @Suite struct InstrumentationTests {
        @Test func aSimpleChainReportsItsWholeLife() throws {
            var id: DeferredID?
            var line = 0
            let recorder = try ScopedRecorder.recording { recorder in
                line = #line + 1
                let d = Deferred<Int>(label: "simple")
                id = d.id
                d.addCallback { $0 + 1 }.addCallback { "\($0)" }
                try d.callback(1)
                return recorder
            }
            let events = recorder.events(of: id!)
            #expect(events.map(\.kind) == [.created, .stepAdded, .stepAdded, .fired, .stepRan, .stepRan, .released])
            #expect(events.map(\.sequence) == Array(1...7))
            #expect(events[0].label == "simple")
            #expect(
                events[0].site.location
                    == SourceLocation(fileID: "DeferredKitTests/InstrumentationTests.swift", line: line)
            )
            #expect(events[0].thread == currentThreadNumber())
            #expect(events[1].stepIndex == 0)
            #expect(events[1].stepKind == .callback)
            #expect(events[1].site.line == line + 2)
            #expect(events[3].outcome?.typeName == "Int")
            #expect(events[4].stepIndex == 0)
            #expect(events[5].stepIndex == 1)
            #expect(events[5].outcome?.typeName == "String")
            #expect(events[5].outcome?.isFailure == false)
            #expect(events[6].flags.contains(.everFired))
            #expect(zip(events, events.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp })
        }

        @Test func valuesAreDescribedOnlyWhenTheObserverAsks() throws {
            var plain: DeferredEvent?
            var described: DeferredEvent?
            try ScopedRecorder.recording { recorder in
                let d = Deferred<String>()
                try d.callback("secret")
                plain = recorder.events(of: d.id).first { $0.kind == .fired }
            }
            try ScopedRecorder.recording(describingValues: true) { recorder in
                let d = Deferred<String>()
                try d.callback("shown")
                described = recorder.events(of: d.id).first { $0.kind == .fired }
            }
            #expect(plain?.outcome?.valueDescription == nil)
            #expect(plain?.outcome?.typeName == "String")
            #expect(described?.outcome?.valueDescription == "shown")
        }

        @Test func waitingOnAnotherChainIsReportedOnBoth() throws {
            var outerID: DeferredID?
            var innerID: DeferredID?
            let recorder = try ScopedRecorder.recording { recorder in
                let outer = Deferred<Int>()
                let inner = Deferred<Int>()
                outerID = outer.id
                innerID = inner.id
                outer.addCallback { _ in inner }.addCallback { $0 }
                try outer.callback(0)
                try inner.callback(5)
                return recorder
            }
            let outer = recorder.events(of: outerID!)
            #expect(
                outer.map(\.kind) == [
                    .created, .stepAdded, .stepAdded, .fired, .stepRan, .waiting, .resumed, .stepRan, .released,
                ]
            )
            #expect(outer[4].flags.contains(.returnedDeferred))
            #expect(outer[4].other == innerID)
            #expect(outer[5].other == innerID)
            #expect(outer[6].other == innerID)
            #expect(recorder.kinds(of: innerID!) == [.created, .fired, .released])
        }

        @Test func cancellationAndTimeoutsAreReported() throws {
            var cancelledID: DeferredID?
            var timedID: DeferredID?
            let recorder = ScopedRecorder.recording { recorder in
                let clock = ManualClock()
                let cancelled = Deferred<Int>()
                cancelled.addErrback { _ in 0 }
                cancelled.cancel()
                cancelledID = cancelled.id

                let timed = Deferred<Int>()
                timed.addTimeout(2, clock: clock).addErrback { _ in 0 }
                clock.advance(2)
                timedID = timed.id
                return recorder
            }
            #expect(
                recorder.kinds(of: cancelledID!) == [.created, .stepAdded, .cancelled, .fired, .stepRan, .released]
            )
            let timed = recorder.events(of: timedID!)
            #expect(
                timed.map(\.kind) == [
                    .created, .timeoutArmed, .stepAdded, .stepAdded, .stepAdded, .timedOut, .cancelled, .fired,
                    .stepRan, .stepRan, .stepRan, .released,
                ]
            )
            #expect(timed[1].timeoutSeconds == 2)
            #expect(timed[2].stepKind == .timeout)
            #expect(timed[3].stepKind == .timeoutDisarm)
            #expect(timed[7].outcome?.typeName == "CancelledError")
            #expect(timed[8].outcome?.typeName == "TimeoutError")
        }

        @Test func aDeferredListIsAStepOnEachInput() throws {
            var inputIDs: [DeferredID] = []
            var listID: DeferredID?
            let recorder = try ScopedRecorder.recording { recorder in
                let inputs = [Deferred<Int>(), Deferred<Int>()]
                let list = deferredList(inputs)
                inputIDs = inputs.map(\.id)
                listID = list.id
                try inputs[1].callback(1)
                try inputs[0].callback(0)
                return recorder
            }
            for id in inputIDs {
                let events = recorder.events(of: id)
                #expect(events.map(\.kind) == [.created, .stepAdded, .fired, .stepRan, .released])
                #expect(events[1].stepKind == .collect)
                #expect(events[1].other == listID)
                #expect(events[3].other == listID)
            }
            #expect(recorder.kinds(of: listID!) == [.created, .fired, .released])
        }

        @Test func anUnhandledFailureAndAnAbandonedChainAreReportedOnRelease() throws {
            var failedID: DeferredID?
            var abandonedID: DeferredID?
            DeferredDiagnostics.setUnhandledErrorHandler { _ in }
            defer { DeferredDiagnostics.setUnhandledErrorHandler(nil) }
            let recorder = try ScopedRecorder.recording { recorder in
                let failed = Deferred<Int>()
                try failed.errback(Boom())
                failedID = failed.id
                abandonedID = Deferred<Int>().id
                return recorder
            }
            let failed = recorder.events(of: failedID!)
            #expect(failed.map(\.kind) == [.created, .fired, .unhandledFailure, .released])
            #expect(failed[2].outcome?.typeName == "Boom")
            let abandoned = recorder.events(of: abandonedID!)
            #expect(abandoned.map(\.kind) == [.created, .released])
            #expect(!abandoned[1].flags.contains(.everFired))
        }

        @Test func pausesAndSecondFiresAreReportedWithTheirSites() throws {
            var id: DeferredID?
            var line = 0
            let recorder = try ScopedRecorder.recording { recorder in
                let d = Deferred<Int>()
                id = d.id
                d.pause()
                d.unpause()
                try d.callback(1)
                line = #line + 1
                try? d.callback(2)
                return recorder
            }
            let events = recorder.events(of: id!)
            #expect(events.map(\.kind) == [.created, .paused, .unpaused, .fired, .alreadyCalled, .released])
            #expect(events[4].site.line == line)
        }

        @Test func aChainCreatedBeforeTheObserverStaysUnobserved() throws {
            let early = Deferred<Int>()
            let recorder = try ScopedRecorder.recording { recorder in
                try early.callback(1)
                early.addCallback { $0 }
                return recorder
            }
            #expect(recorder.events(of: early.id).isEmpty)
        }

        @Test func theRegistryListsLiveObservedChainsWithTheirState() throws {
            try ScopedRecorder.recording { recorder in
                let inner = Deferred<Int>(label: "inner", canceller: { _ in })
                let outer = Deferred<Int>(label: "outer")
                outer.addCallback { _ in inner }.addCallback(label: "after") { $0 + 1 }
                try outer.callback(0)
                let timed = Deferred<Int>(label: "timed").addTimeout(30, clock: ManualClock())

                let snapshots = liveSnapshots()
                let outerSnapshot = try #require(snapshots[outer.id])
                #expect(outerSnapshot.label == "outer")
                #expect(outerSnapshot.phase == .waiting(on: inner.id))
                #expect(outerSnapshot.stepsRun == 1)
                #expect(outerSnapshot.pendingSteps.map(\.label) == ["after"])
                #expect(outerSnapshot.pendingSteps.map(\.index) == [1])
                let innerSnapshot = try #require(snapshots[inner.id])
                #expect(innerSnapshot.phase == .pending)
                #expect(innerSnapshot.waiters == [outer.id])
                #expect(innerSnapshot.hasCanceller)
                let timedSnapshot = try #require(snapshots[timed.id])
                #expect(timedSnapshot.timeoutSeconds == 30)
                #expect(timedSnapshot.pendingSteps.map(\.kind) == [.timeout, .timeoutDisarm])
                let member = Deferred<Int>()
                let list = gatherResults([member])
                #expect(liveSnapshots()[member.id]?.pendingSteps.first?.feeds == list.id)
                #expect(outerSnapshot.sequence == recorder.events(of: outer.id).last?.sequence)
            }
        }

        @Test func aReleasedChainLeavesTheRegistry() {
            ScopedRecorder.recording { _ in
                var id: DeferredID?
                do {
                    let d = Deferred<Int>()
                    id = d.id
                    #expect(liveSnapshots()[d.id] != nil)
                }
                #expect(liveSnapshots()[id!] == nil)
            }
        }

        @Test func walksComeInBatchesOfTheRequestedSize() {
            ScopedRecorder.recording { _ in
                let keep = (0..<50).map { _ in Deferred<Int>() }
                var sizes: [Int] = []
                DeferredRegistry.forEachBatch(maxBatchSize: 7) { sizes.append($0.count) }
                #expect(sizes.allSatisfy { $0 <= 7 })
                #expect(sizes.reduce(0, +) >= keep.count)
            }
        }

        @Test func aWalkFillsItsBatchesAcrossShards() {
            ScopedRecorder.recording { _ in
                // Fifty chains spread over the registry's shards: a batch with room for all of them
                // takes them all, so a monitor sends a small snapshot in one round of its loop.
                let keep = (0..<50).map { _ in Deferred<Int>() }
                var sizes: [Int] = []
                let walk = DeferredRegistry.Walk()
                while let batch = walk.next(maxBatchSize: 4_096) {
                    sizes.append(batch.count)
                }
                #expect(sizes.count == 1, "batches of \(sizes)")
                #expect((sizes.first ?? 0) >= keep.count)
            }
        }

        @Test func aMonitorCanCancelALiveChainById() {
            ScopedRecorder.recording { recorder in
                let d = Deferred<Int>()
                d.addErrback { _ in 0 }
                #expect(DeferredRegistry.cancel(d.id))
                #expect(d.isCalled)
                let cancelled = recorder.events(of: d.id).first { $0.kind == .cancelled }
                #expect(cancelled?.flags.contains(.fromMonitor) == true)
                #expect(!DeferredRegistry.cancel(DeferredID(rawValue: .max)))
            }
        }

        @Test func withEventsOffTheRegistryIsKeptButNoEventIsDelivered() throws {
            // Unfiltered: the scoped recorder follows only chains whose `created` it saw.
            let recorder = RecordingDeferredObserver()
            DeferredInstrumentation.install(recorder, eventsEnabled: false)
            defer {
                DeferredInstrumentation.uninstall()
                DeferredInstrumentation.setEventsEnabled(true)
            }
            let d = Deferred<Int>(label: "quiet")
            d.addCallback { $0 + 1 }
            #expect(recorder.events(of: d.id).isEmpty)
            let walked = try #require(liveSnapshots()[d.id])
            #expect(walked.sequence == 0)
            #expect(walked.pendingSteps.count == 1)

            DeferredInstrumentation.setEventsEnabled(true)
            try d.callback(1)

            // Sequence numbers count delivered events only, so they continue from the walk's.
            #expect(recorder.events(of: d.id).map(\.kind) == [.fired, .stepRan])
            #expect(recorder.events(of: d.id).map(\.sequence) == [1, 2])
        }

        @Test func aWalkCanBeTakenOneBatchAtATimeAndDroppedHalfway() {
            ScopedRecorder.recording { _ in
                let keep = (0..<100).map { _ in Deferred<Int>() }
                var seen = Set<DeferredID>()
                let walk = DeferredRegistry.Walk()
                while let batch = walk.next(maxBatchSize: 10) {
                    #expect(batch.count <= 10)
                    seen.formUnion(batch.map(\.id))
                }
                #expect(walk.next() == nil)
                #expect(Set(keep.map(\.id)).isSubset(of: seen))

                var halfway: DeferredRegistry.Walk? = DeferredRegistry.Walk()
                _ = halfway?.next(maxBatchSize: 5)
                halfway = nil
                // A dropped walk leaves no placeholder behind: a full walk still sees each chain once.
                var counts: [DeferredID: Int] = [:]
                DeferredRegistry.forEachBatch { batch in
                    for snapshot in batch {
                        counts[snapshot.id, default: 0] += 1
                    }
                }
                #expect(keep.allSatisfy { counts[$0.id] == 1 })
            }
        }

        /// Walks and `cancel(id)` race with threads dropping the last handle of chains they walk
        /// or find. A walk that retained a chain and released it last while holding its shard's
        /// lock would run that chain's `deinit` (which takes the same lock) and trap; and a chain
        /// caught mid-destruction must be skipped, not revived.
        @Test func walksAndFindsRaceWithChainsBeingReleased() {
            ScopedRecorder.recording { _ in
                // Registry only: the chains made here would otherwise fill the recorder.
                DeferredInstrumentation.setEventsEnabled(false)
                defer { DeferredInstrumentation.setEventsEnabled(true) }
                // Cancelled chains are released with a failure nobody handled: count, do not log.
                let unhandled = Atomic<Int>(0)
                DeferredDiagnostics.setUnhandledErrorHandler { _ in unhandled.add(1, ordering: .relaxed) }
                defer { DeferredDiagnostics.setUnhandledErrorHandler(nil) }
                let makers = Atomic<Int>(2)
                let walks = Atomic<Int>(0)
                DispatchQueue.concurrentPerform(iterations: 3) { worker in
                    switch worker {
                    case 0, 1:
                        for _ in 0..<2_000 {
                            var batch = (0..<32).map { _ in Deferred<Int>() }
                            batch.removeAll()  // each chain's last handle goes here, mid-walk
                        }
                        makers.subtract(1, ordering: .releasing)
                    default:
                        var round: UInt64 = 0
                        while makers.load(ordering: .acquiring) > 0 || round < 100 {
                            DeferredRegistry.forEachBatch(maxBatchSize: 4) { _ in }
                            let alive = Deferred<Int>()
                            #expect(DeferredRegistry.cancel(alive.id))
                            _ = DeferredRegistry.cancel(DeferredID(rawValue: alive.id.rawValue &- 1 &- round % 64))
                            walks.add(1, ordering: .relaxed)
                            round += 1
                        }
                    }
                }
                #expect(walks.load(ordering: .relaxed) >= 100)
                // Each walk cancelled its own `alive` chain, released unhandled: reported once each.
                #expect(unhandled.load(ordering: .relaxed) >= walks.load(ordering: .relaxed))
            }
        }

        /// A failed chain whose failure another chain took over (here, the one waiting on it)
        /// says so, so a monitor does not call it unhandled; one nobody took does not.
        @Test func aSnapshotSaysWhenAFailureWasTakenOverByAnotherChain() {
            ScopedRecorder.recording { _ in
                DeferredDiagnostics.setUnhandledErrorHandler { _ in }
                defer { DeferredDiagnostics.setUnhandledErrorHandler(nil) }
                let inner = Deferred<Int>(label: "inner")
                let outer = Deferred<Int>(label: "outer")
                outer.addCallback { _ in inner }.addErrback { _ in 0 }
                let alone = Deferred<Int>(label: "alone")
                try? outer.callback(1)
                try? inner.errback(Boom("taken"))
                try? alone.errback(Boom("left"))
                var byID: [DeferredID: DeferredSnapshot] = [:]
                DeferredRegistry.forEachBatch { batch in
                    for snapshot in batch where [inner.id, alone.id].contains(snapshot.id) {
                        byID[snapshot.id] = snapshot
                    }
                }
                #expect(byID[inner.id]?.phase == .failed)
                #expect(byID[inner.id]?.failureTaken == true)
                #expect(byID[alone.id]?.phase == .failed)
                #expect(byID[alone.id]?.failureTaken == false)
            }
        }

        /// A walk taken while other threads change the chains joins the event stream exactly:
        /// for every chain, the events numbered up to the snapshot's sequence are the ones it
        /// reflects, and the numbers have no gaps.
        @Test func aSnapshotJoinsTheEventStreamWithoutGapOrOverlap() {
            ScopedRecorder.recording { recorder in
                let chains = (0..<400).map { _ in Deferred<Int>() }
                let walked = Log<DeferredSnapshot>()
                DispatchQueue.concurrentPerform(iterations: 3) { worker in
                    switch worker {
                    case 0:
                        for round in 0..<5 {
                            for d in chains {
                                d.addCallback { $0 + round }
                            }
                        }
                    case 1:
                        for d in chains.reversed() {
                            try? d.callback(0)
                        }
                    default:
                        DeferredRegistry.forEachBatch(maxBatchSize: 16) { batch in
                            for snapshot in batch {
                                walked.append(snapshot)
                            }
                        }
                    }
                }
                let snapshots = Dictionary(walked.all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                for d in chains {
                    let events = recorder.events(of: d.id)
                    #expect(events.map(\.sequence) == Array(1...UInt32(events.count)))
                    guard let snapshot = snapshots[d.id] else { continue }
                    let reflected = events.filter { $0.sequence <= snapshot.sequence }
                    let added = reflected.filter { $0.kind == .stepAdded }.count
                    let ran = reflected.filter { $0.kind == .stepRan }.count
                    #expect(snapshot.stepsRun == ran)
                    #expect(snapshot.stepsRun + snapshot.pendingSteps.count == added)
                    #expect(snapshot.everFired == reflected.contains { $0.kind == .fired })
                }
            }
        }
    }
}

/// Every live observed chain, by id.
func liveSnapshots() -> [DeferredID: DeferredSnapshot] {
    var all: [DeferredID: DeferredSnapshot] = [:]
    DeferredRegistry.forEachBatch { batch in
        for snapshot in batch {
            all[snapshot.id] = snapshot
        }
    }
    return all
}

/// The bounded recorder that ships with DeferredKit.
@Suite struct RecordingObserverTests {
    func event(_ sequence: UInt32) -> DeferredEvent {
        DeferredEvent(kind: .stepRan, id: DeferredID(rawValue: 1), sequence: sequence, timestamp: UInt64(sequence))
    }

    @Test func itKeepsTheNewestEventsOldestFirstAndCountsTheOverwrittenOnes() {
        let recorder = RecordingDeferredObserver(capacity: 3)
        for sequence in 1...5 {
            recorder.observe(event(UInt32(sequence)))
        }
        #expect(recorder.events.map(\.sequence) == [3, 4, 5])
        #expect(recorder.overwrittenCount == 2)
        recorder.removeAll()
        #expect(recorder.events.isEmpty)
        recorder.observe(event(9))
        #expect(recorder.events.map(\.sequence) == [9])
    }
}
