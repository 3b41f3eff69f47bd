import DeferredKit
import DeferscopeModel
import DeferscopeModelScript
import DeferscopeWire
import Testing

/// "Why is it stuck": the walk from a pending Deferred to the leaf nobody fired.
@Suite struct StuckPathTests {
    @Test func threeLevelsOfChainingLeadToTheLeafNobodyFired() {
        var model = Script.start()
        var script = Script()
        // 1's step returns 2, 2's step returns 3, 3 was created at site 3 and never fired.
        script.created(3, label: "leaf", site: 3)
        let leafCreatedAt = script.time
        for id: UInt64 in [1, 2] {
            script.created(id)
            script.stepAdded(id, index: 0)
        }
        script.advance(Script.second)
        script.fired(2)
        script.waits(2, index: 0, on: 3)
        script.fired(1)
        script.waits(1, index: 0, on: 2)
        model.run(&script)

        let path = model.stuckPath(of: 1)
        #expect(path?.hops.map(\.id) == [1, 2])
        #expect(path?.hops.map(\.reason) == [.returnedByStep, .returnedByStep])
        #expect(path?.blocker == .notFired(id: 3, siteID: 3, createdAt: leafCreatedAt))
        #expect(model.blockedOn(2) == .notFired(id: 3, siteID: 3, createdAt: leafCreatedAt))
        #expect(
            model.stuckPath(of: 3)
                == StuckPath(hops: [], blocker: .notFired(id: 3, siteID: 3, createdAt: leafCreatedAt))
        )
        #expect(model.deferred(1)?.status == .waiting(on: 2))
        #expect(model.waiters(of: 3) == [2])
    }

    @Test func aGatherResultsWaitsOnTheInputsThatHaveNotFired() {
        var model = Script.start()
        var script = Script()
        // 10 = gatherResults([11, 12]); 11 fired at once, 12 never; 1's step returns 10.
        script.created(11)
        script.created(12, site: 3)
        let leafCreatedAt = script.time
        script.created(10, label: "gather", site: 4)
        script.stepAdded(11, index: 0, kind: .collect, feeds: 10)
        script.stepAdded(12, index: 0, kind: .collect, feeds: 10)
        script.stepAdded(10, index: 0, kind: .collect)
        #expect(model.waitsOn(10).isEmpty)
        model.run(&script)
        #expect(model.waitsOn(10) == [11, 12])
        #expect(model.stuckPath(of: 10)?.hops.first?.alsoWaitingOn == 1)

        script.fired(11)
        script.stepRan(11, index: 0, kind: .collect, feeds: 10)
        script.created(1)
        script.stepAdded(1, index: 0)
        script.fired(1)
        script.waits(1, index: 0, on: 10)
        model.run(&script)

        let path = model.stuckPath(of: 1)
        #expect(path?.hops.map(\.id) == [1, 10])
        #expect(path?.hops.map(\.reason) == [.returnedByStep, .fedBy])
        #expect(path?.hops.last?.alsoWaitingOn == 0)
        #expect(path?.blocker == .notFired(id: 12, siteID: 3, createdAt: leafCreatedAt))
        #expect(model.waiters(of: 12) == [10])
    }

    @Test func aPausedChainIsItsOwnBlocker() {
        var model = Script.start()
        var script = Script()
        script.created(1)
        script.stepAdded(1, index: 0)
        script.stepAdded(1, index: 1)
        script.fired(1)
        script.stepRan(1, index: 0)
        script.event(.paused, 1)
        model.run(&script)
        #expect(model.deferred(1)?.status == .paused)
        #expect(model.blockedOn(1) == .paused(id: 1, stepIndex: 1))
    }

    @Test func aSettledDeferredIsNotStuck() {
        var model = Script.start()
        var script = Script()
        script.settled(1)
        model.run(&script)
        #expect(model.deferred(1)?.status == .succeeded)
        #expect(model.stuckPath(of: 1) == nil)
    }

    @Test func aChainDeferredTargetWaitsOnItsSource() {
        var model = Script.start()
        var script = Script()
        script.created(1)
        script.created(2)
        script.stepAdded(1, index: 0, kind: .chain, feeds: 2)
        model.run(&script)
        #expect(model.blockedOn(2)?.id == 1)
        script.fired(1)
        script.stepRan(1, index: 0, kind: .chain, feeds: 2)
        script.fired(2, by: 1)
        model.run(&script)
        #expect(model.waitsOn(2).isEmpty)
        #expect(model.deferred(2)?.status == .succeeded)
    }
}

/// Cycles in the wait-for graph, found when the edge that closes them is added.
@Suite struct DeadlockTests {
    @Test func twoChainsWaitingOnEachOtherAreADeadlock() {
        var model = Script.start()
        var script = Script()
        script.firedWithAStep([1, 2])
        script.waits(1, index: 0, on: 2)
        model.run(&script)
        #expect(model.deadlocks.isEmpty)
        script.waits(2, index: 0, on: 1)
        model.run(&script)

        #expect(model.deadlocks.map(\.members) == [[2, 1]])
        #expect(model.deferred(1)?.warnings.contains(.deadlock) == true)
        #expect(model.deferred(2)?.warnings.contains(.deadlock) == true)
        #expect(model.warnings().filter { $0.kind == .deadlock }.count == 2)
        guard case .cycle(let members) = model.blockedOn(1) else {
            Issue.record("the walk did not report the cycle")
            return
        }
        #expect(Set(members) == [1, 2])
    }

    @Test func threeChainsInACycleAreADeadlockListedInWaitingOrder() {
        var model = Script.start()
        var script = Script()
        for id: UInt64 in [1, 2, 3] {
            script.created(id)
            script.stepAdded(id, index: 0)
            script.fired(id)
        }
        script.waits(1, index: 0, on: 2)
        script.waits(2, index: 0, on: 3)
        model.run(&script)
        #expect(model.deadlocks.isEmpty)
        script.waits(3, index: 0, on: 1)
        model.run(&script)
        #expect(model.deadlocks.map(\.members) == [[3, 1, 2]])
    }

    @Test func aCycleThroughAListInputIsADeadlock() {
        var model = Script.start()
        var script = Script()
        // 10 = deferredList([11]); 11's step returns 10.
        script.created(10)
        script.created(11)
        script.stepAdded(11, index: 0)
        script.stepAdded(11, index: 1, kind: .collect, feeds: 10)
        script.fired(11)
        script.waits(11, index: 0, on: 10)
        model.run(&script)
        #expect(model.deadlocks.map(\.members) == [[11, 10]])
    }

    /// #1 and #2 each wait on what a step of the other returned.
    static func twoChainDeadlock() -> (DeferscopeModel, Script) {
        var model = Script.start()
        var script = Script()
        script.firedWithAStep([1, 2])
        script.waits(1, index: 0, on: 2)
        script.waits(2, index: 0, on: 1)
        model.run(&script)
        return (model, script)
    }

    @Test func aDeadlockBrokenByCancellingAMemberIsGone() {
        var (model, script) = Self.twoChainDeadlock()
        #expect(model.deadlocks.map(\.members) == [[2, 1]])
        // Cancelling #1 makes it stop waiting with a CancelledError: the cycle is open.
        script.event(.cancelled, 1)
        script.resumed(1, from: 2, Script.failure)
        model.run(&script)
        #expect(model.deadlocks.isEmpty)
        #expect(model.deferred(1)?.warnings.contains(.deadlock) == false)
        #expect(model.deferred(2)?.warnings.contains(.deadlock) == false)
        if case .cycle = model.blockedOn(2) { Issue.record("#2 is still reported in a cycle") }
        // The warnings logged when it formed stay, as history.
        #expect(model.warnings().filter { $0.kind == .deadlock }.count == 2)
    }

    @Test func aDeadlockBrokenByAReleaseIsGoneAndOneThatFormsAgainIsFoundAgain() {
        var (model, script) = Self.twoChainDeadlock()
        script.released(2)
        model.run(&script)
        #expect(model.deadlocks.isEmpty)
        #expect(model.deferred(1)?.warnings.contains(.deadlock) == false)

        // A new pair closing a cycle is reported as usual.
        for id: UInt64 in [3, 4] {
            script.created(id)
            script.stepAdded(id, index: 0)
            script.fired(id)
        }
        script.waits(3, index: 0, on: 4)
        script.waits(4, index: 0, on: 3)
        model.run(&script)
        #expect(model.deadlocks.map(\.members) == [[4, 3]])
        #expect(model.deferred(3)?.warnings.contains(.deadlock) == true)
    }

    @Test func aCycleThroughAListInputBreaksWhenTheListFires() {
        var model = Script.start()
        var script = Script()
        script.created(10)
        script.created(11)
        script.stepAdded(11, index: 0)
        script.stepAdded(11, index: 1, kind: .collect, feeds: 10)
        script.fired(11)
        script.waits(11, index: 0, on: 10)
        model.run(&script)
        #expect(model.deadlocks.count == 1)
        script.fired(10)
        model.run(&script)
        #expect(model.deadlocks.isEmpty)
        #expect(model.deferred(10)?.warnings.contains(.deadlock) == false)
        #expect(model.deferred(11)?.warnings.contains(.deadlock) == false)
    }

    @Test func breakingOneDeadlockLeavesAnotherStanding() {
        var (model, script) = Self.twoChainDeadlock()
        for id: UInt64 in [3, 4] {
            script.created(id)
            script.stepAdded(id, index: 0)
            script.fired(id)
        }
        script.waits(3, index: 0, on: 4)
        script.waits(4, index: 0, on: 3)
        model.run(&script)
        #expect(model.deadlocks.count == 2)
        script.resumed(3, from: 4, Script.failure)
        model.run(&script)
        #expect(model.deadlocks.map(\.members) == [[2, 1]])
        #expect(model.deferred(1)?.warnings.contains(.deadlock) == true)
        #expect(model.deferred(3)?.warnings.contains(.deadlock) == false)
    }
}
