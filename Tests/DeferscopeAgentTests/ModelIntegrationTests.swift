import DeferredKit
import DeferscopeModel
import DeferscopeWire
import Testing

/// The model fed by a real app's agent: it understands what the runtime really reports.
@Suite(.serialized) struct ModelIntegrationTests {
    @Test func theModelFindsTheLeafOfARealNestedChainFromTheSnapshotAndFromEvents() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        // Made before attaching: the model learns it from the snapshot.
        let before = try app.send("deep before").compactMap { UInt64($0) }
        let client = AgentClient(target: .pid(app.pid), reconnects: false, socketDirectory: app.socketDirectory)
        var model = DeferscopeModel()
        try client.poll(into: &model, "the snapshot") { $0.phase == .live && $0.deferred(before[0]) != nil }
        // Made after: the model learns it from the events.
        let after = try app.send("deep after").compactMap { UInt64($0) }
        try client.poll(into: &model, "the nested chain's events") {
            $0.deferred(after[0])?.status == .waiting(on: after[1])
        }

        for (label, ids) in [("before", before), ("after", after)] {
            let path = try #require(model.stuckPath(of: ids[0]), "\(label)")
            #expect(path.hops.map(\.id) == Array(ids[0...2]), "\(label)")
            #expect(path.hops.map(\.reason) == [.returnedByStep, .returnedByStep, .fedBy], "\(label)")
            // The other input of the list had fired: the list waits on the leaf alone.
            #expect(path.hops.last?.alsoWaitingOn == 0, "\(label)")
            guard case .notFired(let leaf, let site, let createdAt) = path.blocker else {
                Issue.record("\(label): the walk ended at \(path.blocker)")
                continue
            }
            #expect(leaf == ids[3], "\(label)")
            #expect(model.siteName(site).hasPrefix("DeferscopeTestApp/main.swift:"), "\(label)")
            #expect(createdAt == model.deferred(ids[3])?.createdAt, "\(label)")
            #expect(model.deferred(ids[3])?.label == "\(label).leaf")
            #expect(model.deferred(ids[2])?.label == "\(label).gather")
        }

        // Once the leaf fires, the whole chain runs to its end and nothing is stuck.
        try app.send("fire after.leaf")
        try client.poll(into: &model, "the chain settles") { $0.deferred(after[0])?.status == .succeeded }
        #expect(model.stuckPath(of: after[0]) == nil)
        #expect(model.stuckPath(of: before[0])?.blocker.id == before[3])
        try app.quit()
    }
}

extension AgentClient {
    /// Polls until `condition` holds for `model`, applying every update; fails after `timeout`.
    func poll(
        into model: inout DeferscopeModel,
        timeout: Double = 60,
        _ what: String,
        until condition: (DeferscopeModel) -> Bool
    ) throws {
        let deadline = Posix.monotonicNanoseconds() + UInt64(timeout * 1e9)
        while !condition(model) {
            guard Posix.monotonicNanoseconds() < deadline else {
                throw TestAppError("\(what) did not happen within \(timeout) s; client state \(state)")
            }
            model.apply(poll(timeout: 0.1))
        }
    }
}
