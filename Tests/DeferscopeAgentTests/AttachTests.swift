import DeferredKit
import DeferscopeWire
import Testing

/// Attaching to a running process over its real socket: the snapshot, then the stream.
@Suite(.serialized) struct AttachTests {
    @Test func theSnapshotListsExactlyThePendingDeferredsThenTheirEventsFollowInOrder() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        let bulk = try app.send("create 10000 bulk").compactMap { UInt64($0) }
        let nested = try app.send("nest outer").compactMap { UInt64($0) }
        // Made, fired and dropped before anyone attached: gone, so not in the snapshot.
        try app.send("create 50 gone")
        #expect(try app.number("fire gone") == 50)

        let client = AgentClient(target: .pid(app.pid), reconnects: false, socketDirectory: app.socketDirectory)
        var mirror = LiveMirror()
        var chains: [UInt64: ChainRecord] = [:]
        var sites: [UInt32: SiteDefinition] = [:]
        let deadline = Posix.monotonicNanoseconds() + 60_000_000_000
        while mirror.snapshotsCompleted == 0 {
            try #require(Posix.monotonicNanoseconds() < deadline, "no snapshot; client state \(client.state)")
            let updates = client.poll(timeout: 0.5)
            for update in updates {
                if case .snapshotChains(let records) = update {
                    for record in records { chains[record.id] = record }
                }
                if case .sites(let definitions) = update {
                    for site in definitions { sites[site.id] = site }
                }
            }
            mirror.apply(updates)
        }

        let expected = Set(bulk[0]...bulk[1]).union(nested)
        #expect(bulk[1] - bulk[0] + 1 == 10_000)
        #expect(Set(chains.keys) == expected)
        #expect(Set(mirror.live.keys) == expected)
        let first = try #require(chains[bulk[0]])
        #expect(first.label == "bulk")
        #expect(first.phase == .pending)
        #expect(first.pendingSteps.map(\.label) == ["double", "describe"])
        #expect(first.pendingSteps.map(\.kindRawValue) == [StepKind.callback.rawValue, StepKind.callback.rawValue])
        let creation = try #require(sites[first.siteID])
        #expect(creation.fileID == "DeferscopeTestApp/main.swift")
        let stepSites = first.pendingSteps.compactMap { sites[$0.siteID] }
        #expect(stepSites.map(\.fileID) == ["DeferscopeTestApp/main.swift", "DeferscopeTestApp/main.swift"])
        #expect(stepSites[0].line == creation.line + 1 && stepSites[1].line == creation.line + 2)
        #expect(chains.values.filter { $0.label == "bulk" }.allSatisfy { $0.siteID == first.siteID })

        let outer = try #require(chains[nested[0]])
        let inner = try #require(chains[nested[1]])
        #expect(outer.phase == .waiting)
        #expect(outer.waitingOn == inner.id)
        #expect(inner.waiters == [outer.id])
        #expect(inner.label == "outer.inner")

        // Now the stream: three new Deferreds, then they fire.
        let late = try app.send("create 3 late").compactMap { UInt64($0) }
        let lateIDs = Set(late[0]...late[1])
        try client.poll(into: &mirror) { mirror in lateIDs.isSubset(of: mirror.live.keys) }
        try client.poll(into: &mirror) { mirror in
            mirror.applied.filter { lateIDs.contains($0.id) && $0.kind == .stepAdded }.count == 6
        }
        for id in lateIDs {
            let kinds = mirror.applied.filter { $0.id == id }.map(\.kind)
            #expect(kinds == [.created, .stepAdded, .stepAdded])
            #expect(mirror.live[id] == "late")
        }
        #expect(try app.number("fire late") == 3)
        try client.poll(into: &mirror) { mirror in lateIDs.isDisjoint(with: mirror.live.keys) }
        for id in lateIDs {
            let kinds = mirror.applied.filter { $0.id == id }.map(\.kind)
            #expect(kinds == [.created, .stepAdded, .stepAdded, .fired, .stepRan, .stepRan, .released])
            let sequences = mirror.applied.filter { $0.id == id }.map(\.sequence)
            #expect(sequences == sequences.sorted() && Set(sequences).count == sequences.count)
        }
        #expect(mirror.disorder.isEmpty)
        #expect(client.state == .connected)
        try app.quit()
    }

    /// Snapshots taken while a thread creates and fires Deferreds catch many of them mid-life:
    /// none of the events a chain record already reflects may follow the snapshot's end.
    @Test func snapshotsTakenDuringChurnNeverRepeatAnEvent() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        try app.send("spin 1")
        let client = AgentClient(target: .socket(app.socketPath), reconnects: false)
        var mirror = LiveMirror()
        mirror.keepsEvents = false
        try client.poll(into: &mirror, "the first snapshot") { $0.snapshotsCompleted == 1 }
        for round in 2...50 {
            _ = try client.requestSnapshot()
            try client.poll(into: &mirror, "snapshot \(round)") { $0.snapshotsCompleted >= round }
        }
        try app.send("unspin")
        #expect(
            mirror.disorder.isEmpty,
            "events after a snapshot repeated what it reflected: \(mirror.disorder.prefix(3))"
        )
        try app.quit()
    }

    @Test func aClientSeesTheProcessExitAndAttachesToItsRestart() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let first = try TestApp(runtimeDirectory: directory)
        try first.send("create 2 before")
        let client = AgentClient(target: .pid(first.pid), reconnects: true, socketDirectory: first.socketDirectory)
        var mirror = LiveMirror()
        try client.poll(into: &mirror) { $0.snapshotsCompleted == 1 }
        #expect(mirror.live.values.allSatisfy { $0 == "before" })

        try first.quit()
        try client.poll(into: &mirror) { _ in client.state == .exited(pid: first.pid) }
        #expect(!client.state.isAttached)

        let second = try TestApp(runtimeDirectory: directory)
        try second.send("create 4 after")
        try client.poll(into: &mirror) { mirror in
            client.hello?.pid == second.pid && mirror.snapshotsCompleted == 2
        }
        #expect(client.reconnections == 1)
        #expect(mirror.live.count == 4)
        #expect(mirror.live.values.allSatisfy { $0 == "after" })
        try second.quit()
    }
}
