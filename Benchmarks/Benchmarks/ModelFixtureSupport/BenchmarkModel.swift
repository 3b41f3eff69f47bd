import DeferscopeModel
import DeferscopeWire

/// The updates that attach a client to process `pid` with no Deferreds yet: `siteCount` call sites
/// and two types defined, an empty snapshot.
func attachUpdates(pid: Int32, siteCount: UInt32) -> [AgentClient.Update] {
    let hello = Hello(
        pid: pid,
        processName: "bench",
        executablePath: "/bench",
        processStartTime: 0,
        monotonicBase: 0,
        wallClockAtBase: 0,
        liveCount: 0,
        includesValues: false
    )
    return [
        .connected(hello),
        .sites((1...siteCount).map { SiteDefinition(id: $0, fileID: "App/File\($0).swift", line: $0) }),
        .types([TypeDefinition(id: 1, name: "Int"), TypeDefinition(id: 2, name: "TimeoutError")]),
        .snapshotBegan(SnapshotBegin(snapshotID: 1, estimatedCount: 0, reason: .attach)),
        .snapshotEnded(SnapshotEnd(snapshotID: 1, count: 0)),
    ]
}

/// A model attached to a process with no Deferreds yet: `siteCount` call sites and two types
/// defined, an empty snapshot done.
public func attachedBenchmarkModel(
    siteCount: UInt32,
    configuration: ModelConfiguration = ModelConfiguration()
)
    -> DeferscopeModel
{
    var model = DeferscopeModel(configuration: configuration)
    model.apply(attachUpdates(pid: 1, siteCount: siteCount))
    return model
}

/// A model of `processes` processes (sources 1…`processes`), each attached with `siteCount` call
/// sites (the same file and line in each) and two types, an empty snapshot done.
public func attachedBenchmarkModel(siteCount: UInt32, processes: Int) -> DeferscopeModel {
    var model = DeferscopeModel()
    for source in 1...UInt16(processes) {
        for update in attachUpdates(pid: Int32(source), siteCount: siteCount) { model.apply(update, from: source) }
    }
    return model
}
