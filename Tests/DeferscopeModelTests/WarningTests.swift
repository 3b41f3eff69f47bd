import DeferredKit
import DeferscopeModel
import DeferscopeModelScript
import DeferscopeWire
import Testing

/// Each warning, at its threshold (no warning) and just past it.
@Suite struct WarningTests {
    static let thresholds = WarningThresholds(
        pendingWithoutTimeout: 10 * Script.second,
        slowStep: 100 * Script.millisecond
    )

    func start() -> DeferscopeModel {
        Script.start(ModelConfiguration(thresholds: Self.thresholds))
    }

    func kinds(_ model: DeferscopeModel) -> [WarningKind] {
        model.warnings().map(\.kind)
    }

    @Test func pendingLongerThanTheThresholdWithoutATimeoutWarnsJustPastIt() {
        var model = start()
        var script = Script()
        script.created(1, site: 3)
        script.created(2)
        script.event(.timeoutArmed, 2) { $0.timeoutSeconds = 60 }
        let createdAt = script.time
        model.run(&script)
        model.advance(to: createdAt + 10 * Script.second)
        #expect(kinds(model).isEmpty)
        model.advance(to: createdAt + 10 * Script.second + 1)
        #expect(kinds(model) == [.pendingWithoutTimeout])
        let warning = model.warnings()[0]
        #expect(warning.deferredID == 1)
        #expect(warning.siteID == 3)
        #expect(warning.time == createdAt + 10 * Script.second + 1)
        #expect(model.deferred(1)?.warnings == [.pendingWithoutTimeout])
        // Once only.
        model.advance(to: createdAt + 20 * Script.second)
        #expect(kinds(model) == [.pendingWithoutTimeout])
    }

    @Test func aPendingWarningClearsWhenTheDeferredSettles() {
        var model = start()
        var script = Script()
        script.created(1)
        model.run(&script)
        model.advance(to: script.time + 11 * Script.second)
        #expect(model.deferred(1)?.warnings == [.pendingWithoutTimeout])
        script.time += 11 * Script.second
        script.fired(1)
        model.run(&script)
        #expect(model.deferred(1)?.warnings == [])
    }

    @Test func releasedWithoutEverFiringIsAbandoned() {
        var model = start()
        var script = Script()
        script.created(1)
        script.released(1, everFired: false)
        script.settled(2)
        script.released(2)
        model.run(&script)
        #expect(kinds(model) == [.abandoned])
        #expect(model.warnings()[0].deferredID == 1)
    }

    @Test func aFailureWithNoStepLeftToHandleItWarnsAndAHandledOneDoesNot() {
        var model = start()
        var script = Script()
        script.created(1)
        script.stepAdded(1, index: 0)
        script.fired(1, Script.failure)
        script.stepRan(1, index: 0, outcome: Script.failure, flags: .skipped)
        // 2 has an errback that turns the failure into a value.
        script.created(2)
        script.stepAdded(2, index: 0, kind: .errback)
        script.fired(2, Script.failure)
        script.stepRan(2, index: 0, kind: .errback, outcome: Script.success)
        model.run(&script)
        #expect(kinds(model) == [.unhandledFailure])
        #expect(model.deferred(1)?.status == .failed)
        #expect(model.deferred(1)?.warnings == [.unhandledFailure])
        #expect(model.deferred(2)?.status == .succeeded)
        #expect(model.window(of: .failures, offset: 0, count: 10).rows.map(\.id) == [1])
    }

    @Test func aFailureHandedToAnotherChainIsNotUnhandled() {
        var model = start()
        var script = Script()
        script.created(1)
        script.stepAdded(1, index: 0, kind: .collect, feeds: 9)
        script.fired(1, Script.failure)
        script.stepRan(1, index: 0, kind: .collect, outcome: Script.failure, feeds: 9, flags: .failureTaken)
        model.run(&script)
        #expect(model.deferred(1)?.status == .failed)
        #expect(kinds(model).isEmpty)
    }

    @Test func aSnapshotTellsAFailureNobodyHandlesFromOneAnotherChainTook() {
        var model = start()
        model.apply([
            .snapshotBegan(SnapshotBegin(snapshotID: 2, estimatedCount: 2, reason: .requested)),
            .snapshotChains([
                ChainRecord(id: 1, sequence: 3, phase: .failed, outcome: Script.failure, everFired: true),
                ChainRecord(
                    id: 2,
                    sequence: 3,
                    phase: .failed,
                    outcome: Script.failure,
                    everFired: true,
                    failureTaken: true
                ),
            ]),
            .snapshotEnded(SnapshotEnd(snapshotID: 2, count: 2)),
        ])
        #expect(model.deferred(1)?.warnings == [.unhandledFailure])
        #expect(model.deferred(2)?.warnings == [])
    }

    @Test func theRuntimesUnhandledFailureEventWarns() {
        var model = start()
        var script = Script()
        script.created(1)
        script.fired(1, Script.failure)
        script.event(.unhandledFailure, 1) { $0.outcome = Script.failure }
        script.released(1, Script.failure)
        model.run(&script)
        #expect(kinds(model) == [.releasedUnhandled, .unhandledFailure])
        #expect(model.warnings()[0].message == "released with Boom nobody handled")
    }

    @Test func aStepRunningLongerThanTheThresholdWarnsJustPastIt() {
        var model = start()
        var script = Script()
        script.created(1)
        script.stepAdded(1, index: 0)
        script.stepAdded(1, index: 1)
        script.fired(1)
        script.stepRan(1, index: 0, duration: 100 * Script.millisecond)
        model.run(&script)
        #expect(kinds(model).isEmpty)
        script.stepRan(1, index: 1, duration: 100 * Script.millisecond + 1)
        model.run(&script)
        #expect(kinds(model) == [.slowStep])
        #expect(model.warnings()[0].message == "step 1 ran for 100.0 ms")
        #expect(model.deferred(1)?.step(at: 1)?.duration == 100 * Script.millisecond + 1)
    }

    @Test func aSecondFireAttemptWarns() {
        var model = start()
        var script = Script()
        script.settled(1)
        script.event(.alreadyCalled, 1) { $0.siteID = 2 }
        model.run(&script)
        #expect(kinds(model) == [.alreadyCalled])
        #expect(model.warnings()[0].message == "a second result was given at App/Database.swift:20")
    }

    @Test func anExpiredTimeoutWarnsAndLeavesTheTimeoutList() {
        var model = start()
        var script = Script()
        script.created(1)
        script.event(.timeoutArmed, 1) { $0.timeoutSeconds = 5 }
        model.run(&script)
        #expect(
            model.window(of: .timeouts, offset: 0, count: 10).rows.map(\.timeoutDeadline) == [
                script.time + 5 * Script.second
            ]
        )
        script.advance(5 * Script.second)
        script.event(.timedOut, 1) { $0.timeoutSeconds = 5 }
        model.run(&script)
        #expect(kinds(model) == [.timedOut])
        #expect(model.count(of: .timeouts) == 0)
    }

    @Test func theWarningListIsBounded() {
        var model = Script.start(ModelConfiguration(warningLimit: 3))
        var script = Script()
        for id: UInt64 in 1...5 {
            script.created(id)
            script.released(id, everFired: false)
        }
        model.run(&script)
        #expect(model.warnings().map(\.deferredID) == [5, 4, 3])
    }
}
