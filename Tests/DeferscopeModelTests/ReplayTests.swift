import DeferredKit
import DeferscopeModel
import DeferscopeModelScript
import DeferscopeWire
import Testing

/// Replay: seeking anywhere, backwards too, gives the picture a fresh replay gives.
@Suite struct ReplayTests {
    /// A recording-like sequence: attach, then 300 batches of random life.
    static func updates() -> [AgentClient.Update] {
        var random = SplitMix64(seed: 99)
        var script = Script()
        var updates = Script.attach()
        var next: UInt64 = 1
        var open: [UInt64] = []
        for _ in 0..<300 {
            for _ in 0..<Int(random.next(below: 20)) {
                script.advance(random.next(below: 300) * Script.millisecond)
                if open.isEmpty || random.next(below: 3) == 0 {
                    script.created(next, label: "job", site: UInt32(1 + random.next(below: 4)))
                    script.stepAdded(next, index: 0)
                    if let waited = open.last, random.next(below: 4) == 0 {
                        script.fired(next)
                        script.waits(next, index: 0, on: waited)
                    }
                    open.append(next)
                    next += 1
                } else {
                    let id = open.remove(at: Int(random.next(below: UInt64(open.count))))
                    script.fired(id, random.next(below: 5) == 0 ? Script.failure : Script.success)
                    script.stepRan(id, index: 0, duration: random.next(below: 200) * Script.millisecond)
                    script.released(id)
                }
            }
            updates.append(script.take())
            if random.next(below: 10) == 0 {
                updates.append(
                    .heartbeat(
                        Heartbeat(monotonicNow: script.time, liveCount: 0, droppedByAgent: 0, droppedByRecorder: 0)
                    )
                )
            }
        }
        return updates
    }

    /// Everything a view can see, for comparing two models.
    struct Picture: Equatable {
        var rows: [TrackedDeferred]
        var warnings: [ModelWarning]
        var deadlocks: [Deadlock]
        var statistics: ModelStatistics
        var now: UInt64
        var events: [TimelineEvent]

        init(_ model: DeferscopeModel) {
            rows = model.window(of: .all, order: SortOrder(.id, ascending: true), offset: 0, count: .max / 2).rows
            warnings = model.warnings()
            deadlocks = model.deadlocks
            statistics = model.statistics
            now = model.now
            events = model.recentEvents(limit: 10_000)
        }
    }

    @Test func seekingBackwardsGivesTheSamePictureAsAFreshReplay() {
        let updates = Self.updates()
        var scrubbed = ReplayTimeline(updates: updates, checkpointInterval: 400)
        #expect(scrubbed.count > 2_000)
        scrubbed.seek(toPosition: scrubbed.count)
        var random = SplitMix64(seed: 5)
        var target = scrubbed.count
        for _ in 0..<6 {
            target = Int(random.next(below: UInt64(target)))
            scrubbed.seek(toPosition: target)
            var fresh = ReplayTimeline(updates: updates, checkpointInterval: 400)
            fresh.seek(toPosition: target)
            #expect(scrubbed.position == target)
            #expect(Picture(scrubbed.model) == Picture(fresh.model), "at \(target)")
        }
    }

    @Test func seekingByTimeAppliesExactlyTheEventsUpToThatTime() {
        let updates = Self.updates()
        var timeline = ReplayTimeline(updates: updates, checkpointInterval: 300)
        let middle = (timeline.startTime + timeline.endTime) / 2
        timeline.seek(to: timeline.endTime)
        #expect(timeline.position == timeline.count)
        timeline.seek(to: middle)
        #expect(timeline.time <= middle)
        let position = timeline.position
        let forward = timeline.stepForward()
        #expect(forward)
        #expect(timeline.time > middle)
        let backward = timeline.stepBackward()
        #expect(backward)
        #expect(timeline.position == position)

        var fresh = ReplayTimeline(updates: updates, checkpointInterval: 300)
        fresh.seek(to: middle)
        #expect(Picture(fresh.model) == Picture(timeline.model))
    }

    @Test func steppingBackOneEventUndoesIt() {
        var timeline = ReplayTimeline(updates: Self.updates(), checkpointInterval: 50)
        timeline.seek(toPosition: 1_000)
        let before = Picture(timeline.model)
        timeline.stepForward()
        timeline.stepBackward()
        #expect(Picture(timeline.model) == before)
        timeline.seek(toPosition: 0)
        let atStart = !timeline.stepBackward()
        #expect(atStart)
        #expect(timeline.model.count(of: .all) == 0)
    }
}
