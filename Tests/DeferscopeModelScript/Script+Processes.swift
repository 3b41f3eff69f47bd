import DeferscopeModel
import DeferscopeWire

/// Pictures of several processes, for the model's and the views' tests.
extension Script {
    package static func hello(pid: Int32, name: String, monotonicBase: UInt64 = 0) -> Hello {
        Hello(
            pid: pid,
            processName: name,
            executablePath: "/srv/\(name)",
            processStartTime: 0,
            monotonicBase: monotonicBase,
            wallClockAtBase: 0,
            liveCount: 0,
            includesValues: false
        )
    }

    /// Attaches process `pid` on stream `source` with the script's sites and types, the site ids
    /// shifted by `siteShift` (processes number their sites independently).
    package static func attachProcess(
        _ model: inout DeferscopeModel,
        source: UInt16,
        pid: Int32,
        name: String,
        siteShift: UInt32 = 0,
        records: [ChainRecord] = []
    ) {
        let sites = Script.sites.map { SiteDefinition(id: $0.id + siteShift, fileID: $0.fileID, line: $0.line) }
        let updates: [AgentClient.Update] = [
            .connected(hello(pid: pid, name: name)), .sites(sites), .types(Script.types),
            .snapshotBegan(SnapshotBegin(snapshotID: 1, estimatedCount: UInt64(records.count), reason: .attach)),
            .snapshotChains(records),
            .snapshotEnded(SnapshotEnd(snapshotID: 1, count: UInt64(records.count))),
        ]
        for update in updates { model.apply(update, from: source) }
    }

    /// Two processes (api 100 on stream 1, worker 200 on stream 2, which numbers its sites from
    /// 11) whose Deferreds have the same ids: #1 'leaf' pending and #2 'caller' waiting on it in both.
    package static func twoProcesses() -> DeferscopeModel {
        var model = DeferscopeModel()
        attachProcess(&model, source: 1, pid: 100, name: "api")
        attachProcess(&model, source: 2, pid: 200, name: "worker", siteShift: 10)
        for (source, siteShift) in [(UInt16(1), UInt32(0)), (2, 10)] {
            var script = Script()
            script.created(1, label: "leaf", site: 2 + siteShift)
            script.created(2, label: "caller", site: 1 + siteShift)
            script.stepAdded(2, index: 0)
            script.fired(2)
            script.waits(2, index: 0, on: 1)
            model.apply(script.take(), from: source)
        }
        return model
    }
}
