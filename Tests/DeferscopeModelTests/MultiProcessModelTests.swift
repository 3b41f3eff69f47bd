import DeferredKit
import DeferscopeModel
import DeferscopeModelScript
import DeferscopeWire
import Testing

/// Several processes in one picture: ids, sites and snapshots of each process stay its own.
@Suite struct MultiProcessModelTests {
    @Test func sameIdsInTwoProcessesAreTwoDeferredsEach() {
        let model = Script.twoProcesses()
        #expect(model.processes.map(\.hello.pid) == [100, 200])
        #expect(model.statistics.count(.pending) == 2)
        #expect(model.statistics.count(.waiting) == 2)
        let pending = model.window(of: .pending, offset: 0, count: 10).rows
        #expect(pending.count == 4)
        #expect(Set(pending.map { model.process(of: $0.id)?.hello.pid }) == [100, 200])
        #expect(Set(pending.map { model.localID($0.id) }) == [1, 2])
        // Each caller waits on its own process's leaf.
        for source: UInt16 in [1, 2] {
            let caller = DeferscopeModel.id(2, source: source)
            let leaf = DeferscopeModel.id(1, source: source)
            #expect(model.deferred(caller)?.status == .waiting(on: leaf))
            #expect(
                model.blockedOn(caller)
                    == .notFired(
                        id: leaf,
                        siteID: model.deferred(leaf)!.siteID,
                        createdAt: model.deferred(leaf)!.createdAt
                    )
            )
            #expect(model.displayID(caller) == "#2")
        }
    }

    @Test func sitesOfTheSameCodeAddUpAcrossProcesses() {
        let model = Script.twoProcesses()
        // The worker numbered its sites 11…14, the api 1…4: the same file and line is one site.
        let leafSites = Set([UInt16(1), 2].map { model.deferred(DeferscopeModel.id(1, source: $0))!.siteID })
        #expect(leafSites.count == 1)
        let site = leafSites.first!
        #expect(model.siteName(site) == "App/Database.swift:20")
        #expect(model.siteStatistics(site)?.pendingCount == 2)
    }

    @Test func eachProcessHasItsOwnCounts() {
        var model = Script.twoProcesses()
        var script = Script()
        script.advance(Script.second)
        script.created(3, label: "boom", site: 11)
        script.stepAdded(3, index: 0)
        script.fired(3, Script.failure)
        script.stepRan(3, index: 0, outcome: Script.failure)
        model.apply(script.take(), from: 2)
        let api = model.processes.first { $0.hello.pid == 100 }!
        let worker = model.processes.first { $0.hello.pid == 200 }!
        #expect(api.count(.pending) == 1 && api.count(.waiting) == 1 && api.count(.failed) == 0)
        #expect(worker.count(.pending) == 1 && worker.count(.failed) == 1)
        #expect(api.unhandledCount == 0)
        #expect(worker.unhandledCount == 1)
        #expect(model.statistics.unhandledCount == 1)
    }

    @Test func aSnapshotReplacesOnlyItsOwnProcess() {
        var model = Script.twoProcesses()
        // The api resynchronizes and now has only #2 (a fresh record): its #1 is gone, the
        // worker's #1 and #2 stay.
        model.apply(.lost(Lost(count: 5, reason: .clientTooSlow)), from: 1)
        #expect(model.phase == .resyncing)
        #expect(model.processes[0].isResyncing)
        model.apply(.snapshotBegan(SnapshotBegin(snapshotID: 2, estimatedCount: 1, reason: .resync)), from: 1)
        // The worker's events keep arriving in the middle of the api's snapshot.
        var script = Script()
        script.created(7, label: "during", site: 13)
        model.apply(script.take(), from: 2)
        model.apply(.snapshotChains([ChainRecord(id: 2, sequence: 9, label: "caller", siteID: 1)]), from: 1)
        model.apply(.snapshotEnded(SnapshotEnd(snapshotID: 2, count: 1)), from: 1)
        #expect(model.phase == .live)
        #expect(model.deferred(DeferscopeModel.id(1, source: 1)) == nil)
        #expect(model.deferred(DeferscopeModel.id(2, source: 1))?.label == "caller")
        for id: UInt64 in [1, 2, 7] {
            #expect(model.deferred(DeferscopeModel.id(id, source: 2)) != nil, "worker #\(id)")
        }
        #expect(model.processes[0].lostEvents == 5)
        #expect(model.lostEvents == 5)
    }

    @Test func aProcessThatEndsLeavesThePictureAndSaysWhy() {
        var model = Script.twoProcesses()
        model.apply(.disconnected(.exited(pid: 100)), from: 1)
        #expect(model.processes.count == 2)
        #expect(model.processes[0].isAttached == false)
        #expect(model.processes[0].endReason == "process 100 exited")
        #expect(model.processes[0].count(.pending) == 0)
        let rows = model.window(of: .pending, offset: 0, count: 10).rows
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { model.process(of: $0.id)?.hello.pid == 200 })
        #expect(model.statistics.count(.pending) == 1)
    }

    @Test func aNewHandshakeOnAStreamDropsWhatTheOldProcessLeft() {
        var model = Script.twoProcesses()
        Script.attachProcess(&model, source: 1, pid: 101, name: "api")
        #expect(model.processes.map(\.hello.pid) == [101, 200])
        #expect(model.processes[0].count(.pending) == 0)
        #expect(model.window(of: .pending, offset: 0, count: 10).rows.count == 2)
        model.removeProcess(source: 1)
        #expect(model.processes.map(\.hello.pid) == [200])
    }

    @Test func aDeadlockInOneProcessIsNotMistakenInTheOther() {
        var model = DeferscopeModel()
        Script.attachProcess(&model, source: 1, pid: 100, name: "api")
        Script.attachProcess(&model, source: 2, pid: 200, name: "worker")
        // In the api, 1 waits on 2 and 2 on 1. In the worker, only 1 waits on 2.
        var script = Script()
        script.firedWithAStep([1, 2])
        script.waits(1, index: 0, on: 2)
        let shared = script.events
        script.waits(2, index: 0, on: 1)
        model.apply(script.take(), from: 1)
        model.apply(.events(shared), from: 2)
        #expect(model.deadlocks.count == 1)
        #expect(model.deadlocks.first?.members.allSatisfy { DeferscopeModel.source(of: $0) == 1 } == true)
        #expect(model.deferred(DeferscopeModel.id(1, source: 2))?.warnings.contains(.deadlock) == false)
        // The api going away takes its deadlock along.
        model.apply(.disconnected(.exited(pid: 100)), from: 1)
        #expect(model.deadlocks.isEmpty)
    }

    @Test func aDeadlockFormsInOneProcessWhileAnotherSendsItsSnapshot() {
        var model = DeferscopeModel()
        Script.attachProcess(&model, source: 1, pid: 100, name: "api")
        Script.attachProcess(&model, source: 2, pid: 200, name: "worker")
        model.apply(.snapshotBegan(SnapshotBegin(snapshotID: 2, estimatedCount: 0, reason: .resync)), from: 1)
        var script = Script()
        script.firedWithAStep([1, 2])
        script.waits(1, index: 0, on: 2)
        script.waits(2, index: 0, on: 1)
        model.apply(script.take(), from: 2)
        #expect(model.deadlocks.count == 1, "the worker's graph is whole while the api resynchronizes")
        model.apply(.snapshotEnded(SnapshotEnd(snapshotID: 2, count: 0)), from: 1)
        #expect(model.deadlocks.count == 1)
    }

    @Test func filtersByProcess() throws {
        let model = Script.twoProcesses()
        func matching(_ text: String) throws -> [String] {
            let filter = try DeferredFilter(parsing: text)
            return model.window(of: .pending, filter: filter, offset: 0, count: 10).rows
                .map { "\(model.process(of: $0.id)!.hello.pid)\(model.displayID($0.id))" }.sorted()
        }
        #expect(try matching("pid:200") == ["200#1", "200#2"])
        #expect(try matching("!pid:200") == ["100#1", "100#2"])
        #expect(try matching("process:WORK") == ["200#1", "200#2"])
        #expect(try matching("pid:100 #2") == ["100#2"])
        #expect(try matching("waits:#1 pid:200") == ["200#2"])
        #expect(try matching("pid:999").isEmpty)
        #expect(throws: FilterParseError.self) { try DeferredFilter(parsing: "pid:api") }
    }

    @Test func aProcessOnAnotherClockIsPlacedOnTheModelsClock() {
        var model = DeferscopeModel()
        Script.attachProcess(&model, source: 1, pid: 100, name: "here")
        // The remote process's clock reads 5 s where the model's reads 105 s.
        model.apply(
            .connected(Script.hello(pid: 7, name: "there", monotonicBase: 5 * Script.second)),
            from: 2,
            clockOffset: Int64(100 * Script.second)
        )
        model.apply(.snapshotBegan(SnapshotBegin(snapshotID: 1, estimatedCount: 0, reason: .attach)), from: 2)
        model.apply(.snapshotEnded(SnapshotEnd(snapshotID: 1, count: 0)), from: 2)
        var script = Script()
        script.time = 6 * Script.second
        script.created(1, label: "remote")
        model.apply(script.take(), from: 2)
        #expect(model.deferred(DeferscopeModel.id(1, source: 2))?.createdAt == 106 * Script.second)
        #expect(model.now == 106 * Script.second)
        #expect(model.processes[1].hello.monotonicBase == 105 * Script.second)
    }

    @Test func aPictureOfOneProcessIsUnchanged() {
        var model = Script.start()
        var script = Script()
        script.created(5)
        model.run(&script)
        #expect(model.processes.isEmpty)
        #expect(model.process(of: 5) == nil)
        #expect(model.deferred(5) != nil)
        #expect(model.displayID(5) == "#5")
    }
}
