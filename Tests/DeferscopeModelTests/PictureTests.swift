import DeferredKit
import DeferscopeModel
import DeferscopeModelScript
import DeferscopeWire
import Testing

/// Retention of released Deferreds, and snapshots that replace the picture.
@Suite struct PictureTests {
    @Test func releasedDeferredsBeyondTheCountLimitAreForgottenOldestFirst() {
        var model = Script.start(ModelConfiguration(finishedLimit: 3))
        var script = Script()
        for id: UInt64 in 1...5 {
            script.settled(id)
            script.released(id)
        }
        model.run(&script)
        #expect((1...5).map { model.deferred($0) != nil } == [false, false, true, true, true])
        #expect(model.statistics.releasedCount == 3)
        #expect(model.count(of: .all) == 3)
        #expect(model.deferred(3)?.isReleased == true)
    }

    @Test func releasedDeferredsAreForgottenJustAfterTheRetentionTime() {
        var model = Script.start(ModelConfiguration(finishedRetention: 30 * Script.second))
        var script = Script()
        script.settled(1)
        script.released(1)
        let releasedAt = script.time
        model.run(&script)
        model.advance(to: releasedAt + 30 * Script.second)
        #expect(model.deferred(1) != nil)
        model.advance(to: releasedAt + 30 * Script.second + 1)
        #expect(model.deferred(1) == nil)
        #expect(model.statistics.releasedCount == 0)
        #expect(model.timeline(of: 1).isEmpty)
    }

    @Test func memoryStaysBoundedUnderAnyNumberOfShortLivedDeferreds() {
        var model = Script.start(ModelConfiguration(finishedLimit: 100, eventLogCapacity: 1_000))
        var script = Script()
        for id: UInt64 in 1...20_000 {
            script.settled(id)
            script.released(id)
        }
        model.run(&script)
        #expect(model.count(of: .all) == 100)
        #expect(model.recentEventCount == 1_000)
        #expect(model.statistics.lifetimes.totalCount == 20_000)
    }

    @Test func aSnapshotReplacesThePictureWithNoGhosts() {
        var model = Script.start()
        var script = Script()
        for id: UInt64 in 1...3 { script.created(id) }
        model.run(&script)
        model.apply(.lost(Lost(count: 7, reason: .clientTooSlow)))
        #expect(model.phase == .resyncing)

        // 1 and 3 were released while events were lost; 4 was made; 2 now waits on 4.
        model.apply(.snapshotBegan(SnapshotBegin(snapshotID: 2, estimatedCount: 2, reason: .resync)))
        #expect(model.phase == .resyncing)
        model.apply(
            .snapshotChains([
                ChainRecord(
                    id: 2,
                    sequence: 9,
                    label: "two",
                    siteID: 2,
                    createdAt: script.time,
                    phase: .waiting,
                    waitingOn: 4,
                    stepsRun: 1
                ),
                ChainRecord(id: 4, sequence: 1, siteID: 3, createdAt: script.time + 5),
            ])
        )
        model.apply(.snapshotEnded(SnapshotEnd(snapshotID: 2, count: 2)))

        #expect(model.phase == .live)
        #expect(model.lostEvents == 7)
        #expect(model.deferred(1) == nil)
        #expect(model.deferred(3) == nil)
        #expect(model.window(of: .pending, offset: 0, count: 10).rows.map(\.id) == [2, 4])
        #expect(model.deferred(2)?.status == .waiting(on: 4))
        #expect(model.deferred(2)?.label == "two")
        #expect(model.blockedOn(2)?.id == 4)
        #expect(model.statistics.count(.pending) == 1)
        #expect(model.statistics.count(.waiting) == 1)
        #expect(model.statistics.liveCount == 2)
    }

    @Test func anotherConnectionStartsFromNothing() {
        var model = Script.start()
        var script = Script()
        script.created(1)
        model.run(&script)
        model.apply(Script.attach())
        #expect(model.count(of: .all) == 0)
        #expect(model.statistics.liveCount == 0)
        #expect(model.hello?.pid == 42)
    }

    @Test func countsByStatusFollowEveryChange() {
        var model = Script.start()
        var script = Script()
        script.created(1)
        script.created(2)
        script.stepAdded(2, index: 0)
        script.stepAdded(2, index: 1)
        script.fired(2)
        script.stepRan(2, index: 0)
        script.settled(3)
        script.created(4)
        script.event(.paused, 4)
        model.run(&script)
        let counts = DeferredStatusKind.allCases.map { model.statistics.count($0) }
        #expect(counts == [1, 1, 0, 1, 1, 0])
        #expect(model.siteStatistics(1)?.pendingCount == 3)
        #expect(model.siteStatistics(1)?.createdCount == 4)
        #expect(model.siteStatistics(1)?.oldestPendingCreatedAt == script.time)
        #expect(model.statistics.creations.lastSecond == 0)
        #expect(model.statistics.creations.perSecond.last == 4)
    }

    @Test func eachSiteKeepsTheLifetimesOfItsReleasedDeferredsAndTheDurationsOfTheirSteps() {
        var model = Script.start()
        var script = Script()
        // Site 1: two Deferreds living 10 ms and 30 ms, with steps of 2 ms and 4 ms (one skipped).
        script.created(1, site: 1)
        script.created(2, site: 1)
        script.stepAdded(1, index: 0)
        script.stepAdded(1, index: 1)
        script.fired(1)
        script.stepRan(1, index: 0, duration: 2 * Script.millisecond)
        script.stepRan(1, index: 1, duration: 9 * Script.millisecond, flags: .skipped)
        script.advance(10 * Script.millisecond)
        script.released(1)
        script.stepAdded(2, index: 0)
        script.fired(2)
        script.stepRan(2, index: 0, duration: 4 * Script.millisecond)
        script.advance(20 * Script.millisecond)
        script.released(2)
        // Site 3: pending, never released, no step run.
        script.created(3, site: 3)
        script.stepAdded(3, index: 0)
        model.run(&script)

        let network = model.siteStatistics(1)
        #expect(network?.lifetimes.totalCount == 2)
        #expect(network?.lifetimes.minimum == 10 * Script.millisecond)
        #expect(network?.lifetimes.maximum == 30 * Script.millisecond)
        #expect(network?.stepDurations.totalCount == 2)
        #expect(network?.stepDurations.minimum == 2 * Script.millisecond)
        #expect(network?.stepDurations.maximum == 4 * Script.millisecond)
        #expect(model.siteStatistics(3)?.lifetimes.totalCount == 0)
        #expect(model.siteStatistics(3)?.stepDurations.totalCount == 0)
        #expect(model.siteStatistics(3)?.lifetimes.percentile(0.5) == 0)
        // The sites' histograms add up to the model's.
        #expect(model.statistics.lifetimes.totalCount == 2)
        #expect(model.statistics.stepDurations.totalCount == 2)
    }

    @Test func anEmptyHistogramAllocatesNothingAndReadsAsEmpty() {
        let empty = LogHistogram()
        #expect(empty.buckets.isEmpty)
        #expect(empty.percentile(0.99) == 0)
        var one = LogHistogram()
        one.record(7)
        #expect(one.buckets.map(\.count) == [1])
        #expect(one != empty)
    }

    @Test func aTimelineListsTheDeferredsOwnEventsNewestFirst() {
        var model = Script.start()
        var script = Script()
        script.created(1)
        script.created(2)
        script.stepAdded(1, index: 0)
        script.fired(1)
        model.run(&script)
        #expect(model.timeline(of: 1).map(\.kind) == [.fired, .stepAdded, .created])
        #expect(model.recentEvents(limit: 2).map(\.id) == [1, 1])
    }
}
