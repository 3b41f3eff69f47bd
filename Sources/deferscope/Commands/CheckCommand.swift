import ArgumentParser
import DeferscopeWire

/// `deferscope check <pid|socket>`: can this process be attached to, and how does it look?
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Attach, take one snapshot, and print a short health summary (exit 0 when attachable).",
        discussion: "Counts are kept as the snapshot streams in, so a process with a million pending "
            + "Deferreds is checked without holding them all."
    )

    @OptionGroup var attach: AttachOptions

    func run() throws {
        let target = try attach.agentTarget()
        var summary = SnapshotSummary()
        let snapshot: AgentSnapshot
        do {
            snapshot = try AgentSnapshot.take(
                from: target,
                keepChains: false,
                timeout: attach.timeout,
                visit: { summary.add($0) },
                restart: { summary = SnapshotSummary() }
            )
        } catch {
            throw CommandFailure("\(target): \(error)")
        }
        let hello = snapshot.hello
        print("attached to \(hello.processName) (pid \(hello.pid)), protocol \(hello.protocolVersion)")
        print("  executable        \(hello.executablePath)")
        print(
            "  snapshot          \(Format.count(summary.total)) live Deferreds in "
                + "\(Format.duration(snapshot.elapsed)) (\(Format.bytes(snapshot.bytesReceived)))"
        )
        print(
            "  pending           \(Format.count(summary.pending)) (\(Format.count(summary.waiting)) waiting on another, "
                + "\(Format.count(summary.paused)) paused)"
        )
        print("  timeouts armed    \(Format.count(summary.timeoutsArmed))")
        print("  failed, held      \(Format.count(summary.failed))")
        if let oldest = summary.oldestPending {
            let description = ChainDescription(chain: oldest, snapshot: snapshot)
            var line = "  oldest pending    \(description.name), \(Format.duration(description.age)) old"
            if let site = snapshot.site(oldest.siteID) {
                line += ", created at \(site)"
            }
            print(line)
        }
        if let heartbeat = snapshot.heartbeat {
            print(
                "  dropped events    \(Format.count(heartbeat.droppedByAgent)) by the agent, "
                    + "\(Format.count(heartbeat.droppedByRecorder)) by its recorder"
            )
        }
        print("  values            \(hello.includesValues ? "included (DEFERSCOPE_VALUES=1)" : "not included")")
    }
}

/// Counts over a snapshot's chains, kept as they stream in.
struct SnapshotSummary {
    var total = 0
    var pending = 0
    var waiting = 0
    var paused = 0
    var failed = 0
    var timeoutsArmed = 0
    var oldestPending: ChainRecord?

    mutating func add(_ chains: [ChainRecord]) {
        total += chains.count
        var oldestIndex: Int?
        // By index: fields are read in place; only the oldest record is copied.
        for index in chains.indices {
            let phase = chains[index].phase
            let isPaused = chains[index].userPauses > 0
            if phase == .pending || phase == .waiting || isPaused {
                pending += 1
                // Timestamps are coarse (a few ms); ids are in creation order within a tick.
                let key = (chains[index].createdAt, chains[index].id)
                let best =
                    oldestIndex.map { (chains[$0].createdAt, chains[$0].id) }
                    ?? oldestPending.map { ($0.createdAt, $0.id) }
                if best.map({ key < $0 }) ?? true {
                    oldestIndex = index
                }
            }
            if phase == .waiting { waiting += 1 }
            if isPaused { paused += 1 }
            if phase == .failed { failed += 1 }
            if chains[index].timeoutArmedAt != 0 { timeoutsArmed += 1 }
        }
        if let oldestIndex {
            oldestPending = chains[oldestIndex]
        }
    }
}
