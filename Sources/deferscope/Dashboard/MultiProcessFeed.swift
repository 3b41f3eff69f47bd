import DeferscopeModel
import DeferscopeUI
import DeferscopeWire
import Glibc

/// Several running processes in one picture (`deferscope attach PID PID …`, `attach --all`): one
/// client per process, each stream applied to the model under a source number of its own, so
/// ids, sites and snapshots never mix. Processes come and go: with `--all` every process that
/// appears in the socket directory is attached; with `--follow` a process that exits is replaced
/// by a new process of the same executable when one starts.
struct MultiProcessFeed: DashboardFeed {
    /// Which processes to take in.
    enum Scope {
        /// These targets; with `follow`, a new process of an exited one's executable too.
        case targets([AgentTarget], follow: Bool)
        /// Every process with an agent in the socket directory, now and later.
        case all
    }

    /// One attached stream.
    struct Member {
        let source: UInt16
        let client: AgentClient
        var ended = false
        /// Its process's executable, to follow when the process exits (`--follow`).
        var executable: String?
        /// Whether a new process of the executable was attached in its place.
        var followed = false
    }

    let scope: Scope
    let socketDirectory: String
    private(set) var model: DeferscopeModel
    private(set) var members: [Member] = []
    private var nextSource: UInt16 = 1
    private var pendingMessage: String?
    private var clockOffset: (agent: UInt64, local: UInt64)?
    private var nextScan: UInt64 = 0
    /// Ended processes kept in the picture (the strip says they ended); older ones are forgotten.
    static let endedLimit = 8
    /// How often the socket directory is looked at for new processes.
    static let scanInterval: UInt64 = 1_000_000_000

    init(scope: Scope, configuration: ModelConfiguration, socketDirectory: String) {
        self.scope = scope
        self.socketDirectory = socketDirectory
        self.model = DeferscopeModel(configuration: configuration)
    }

    /// Connects to every target of the scope. A target given by name that cannot be reached is an
    /// error; with `--all`, a process that refuses is skipped and said so in the footer.
    mutating func start() throws {
        switch scope {
        case .targets(let targets, _):
            for target in targets {
                do {
                    try attach(target)
                } catch {
                    closeAll()
                    throw CommandFailure("\(target): \(error)")
                }
            }
        case .all:
            scanForNewProcesses()
        }
    }

    var status: ConnectionStatus {
        let attached = members.filter { !$0.ended }
        guard !attached.isEmpty else {
            if case .all = scope { return .disconnected(reason: "no process with an agent; waiting for one to start") }
            return .disconnected(reason: "every process ended")
        }
        // Loading until every attached stream has its first picture (one behind ssh may not even
        // have said hello yet).
        let loaded = attached.allSatisfy { member in
            model.processes.contains { $0.source == member.source && $0.isLoaded }
        }
        switch model.phase {
        case _ where !loaded: return .connecting
        case .loading: return .connecting
        case .resyncing: return .resyncing(lost: model.lostEvents)
        case .live: return .live
        }
    }

    mutating func update(timeout: Double) -> Bool {
        if Posix.monotonicNanoseconds() >= nextScan { scanForNewProcesses() }
        var changed = drainAll()
        if !changed, timeout > 0 {
            AgentConnection.waitUntilAnyReadable(
                members.filter { !$0.ended }.compactMap { $0.client.connection },
                timeout: timeout
            )
            changed = drainAll()
        }
        // Between events, time moves on: ages and countdowns follow the monotonic clock, which
        // processes on this machine share.
        if let clockOffset, members.contains(where: { !$0.ended }), model.advance(following: clockOffset) {
            changed = true
        }
        return changed
    }

    mutating func perform(_ command: DashboardCommand) -> String? {
        guard case .cancel(let id) = command else { return nil }
        let source = DeferscopeModel.source(of: id)
        guard let member = members.first(where: { $0.source == source }), !member.ended else {
            return "\(model.displayID(id)): its process is no longer attached"
        }
        do {
            _ = try member.client.cancel(model.localID(id))
            let process = model.process(of: id).map { " in \($0.title)" } ?? ""
            return "asked the process to cancel \(model.displayID(id))\(process)"
        } catch {
            return "could not send the command: \(error)"
        }
    }

    mutating func takeMessage() -> String? {
        defer { pendingMessage = nil }
        return pendingMessage
    }

    /// Closes every connection.
    func closeAll() {
        for member in members { member.client.close() }
    }

    // MARK: - Streams

    private mutating func drainAll() -> Bool {
        var changed = false
        var ended = false
        for index in members.indices where !members[index].ended {
            let member = members[index]
            var updates = member.client.poll(timeout: 0)
            for position in updates.indices {
                changed = true
                if case .events(var events) = updates[position] {
                    // Out of the update, the array has one owner and is mapped without a copy.
                    updates[position] = .events([])
                    model.apply(events: &events, from: member.source)
                    continue
                }
                let update = updates[position]
                switch update {
                case .connected(let hello):
                    members[index].executable = hello.executablePath
                    // Processes on one machine share the monotonic clock; one behind ssh does not.
                    let local = Posix.monotonicNanoseconds()
                    let offset = member.client.target.isRemote ? Int64(bitPattern: local &- hello.monotonicBase) : 0
                    model.apply(update, from: member.source, clockOffset: offset)
                    if !member.client.target.isRemote { clockOffset = (hello.monotonicBase, local) }
                    continue
                case .heartbeat(let beat) where !member.client.target.isRemote:
                    clockOffset = (beat.monotonicNow, Posix.monotonicNanoseconds())
                case .reply(let reply):
                    pendingMessage = reply.ok ? reply.message : "the process said: \(reply.message)"
                case .disconnected:
                    members[index].ended = true
                    member.client.close()
                    model.apply(update, from: member.source)
                    let process = model.processes.first { $0.source == member.source }
                    pendingMessage = "\(process?.title ?? "a process"): \(process?.endReason ?? "ended")"
                    if case .targets(_, true) = scope { nextScan = 0 }
                    ended = true
                    continue
                default:
                    break
                }
                model.apply(update, from: member.source)
            }
        }
        if ended { forgetOldEndedProcesses() }
        return changed
    }

    private mutating func forgetOldEndedProcesses() {
        let followsTargets: Bool
        if case .targets(_, true) = scope { followsTargets = true } else { followsTargets = false }
        let ended = members.filter { $0.ended && ($0.followed || !followsTargets) }
        guard ended.count > Self.endedLimit else { return }
        for member in ended.prefix(ended.count - Self.endedLimit) {
            model.removeProcess(source: member.source)
            members.removeAll { $0.source == member.source }
        }
    }

    private mutating func attach(_ target: AgentTarget) throws {
        let client = AgentClient(target: target, reconnects: false, socketDirectory: socketDirectory)
        try client.connect()
        members.append(Member(source: nextSource, client: client))
        nextSource &+= 1
    }

    /// With `--all`: attaches the processes that appeared. With `--follow`: replaces each exited
    /// process by the newest process of the same executable that is not attached yet.
    private mutating func scanForNewProcesses() {
        nextScan = Posix.monotonicNanoseconds() &+ Self.scanInterval
        var follows = false
        switch scope {
        case .all: break
        case .targets(_, let follow):
            guard follow, members.contains(where: { $0.ended && !$0.followed }) else { return }
            follows = true
        }
        let attachedPIDs = Set(
            members.filter { !$0.ended }.compactMap { member -> Int32? in
                if let pid = member.client.hello?.pid { return pid }
                if case .pid(let pid) = member.client.target { return pid }
                return nil
            }
        )
        let ownPID = getpid()
        let candidates = AgentDiscovery.list(directory: socketDirectory)
            .filter { $0.pid != ownPID && !attachedPIDs.contains($0.pid) }
            .sorted { ($0.uptime ?? .infinity) < ($1.uptime ?? .infinity) }
        for listing in candidates {
            var replaced: Int?
            if follows {
                replaced = members.firstIndex {
                    $0.ended && !$0.followed && $0.executable != nil && $0.executable == listing.executablePath
                }
                guard replaced != nil else { continue }
            }
            do {
                try attach(.pid(listing.pid))
            } catch {
                pendingMessage = "pid \(listing.pid): \(error)"
                continue
            }
            if let replaced {
                members[replaced].followed = true
                forgetOldEndedProcesses()
            }
        }
    }
}
