/// Turns the frames of one stream (a live connection or a recording) into the updates a model
/// applies: definitions, the snapshot joined with the events around it, losses.
///
/// The agent's stream interleaves snapshot chunks and events; ``SnapshotJoin`` holds the events
/// until the snapshot ends, then releases those newer than it. Recordings go through the same
/// code, so a replay shows exactly what a live client showed.
public struct StreamAssembler: Sendable {
    /// Where the stream stands.
    public private(set) var state: AgentClient.State = .connecting
    /// The stream's handshake, once seen (after a reset, the last one seen).
    public private(set) var hello: Hello?
    /// Events lost over the stream's life.
    public private(set) var totalLost: UInt64 = 0
    /// Handshakes seen after the first (a client that attached again).
    public private(set) var handshakes = 0
    private var join = SnapshotJoin()
    private var snapshotReceived: UInt64 = 0
    private var snapshotExpected: UInt64 = 0

    /// Creates an assembler for a new stream.
    public init() {}

    /// Appends the updates `frame` makes to `updates`.
    public mutating func apply(_ frame: Frame, into updates: inout [AgentClient.Update]) {
        switch frame {
        case .hello(let greeting):
            handshakes += hello == nil ? 0 : 1
            hello = greeting
            join = SnapshotJoin()
            state = .loadingSnapshot(received: 0, expected: greeting.liveCount)
            updates.append(.connected(greeting))
        case .sites(let sites):
            updates.append(.sites(sites))
        case .types(let types):
            updates.append(.types(types))
        case .snapshotBegin(let begin):
            join.begin(begin.snapshotID, expectedCount: begin.estimatedCount)
            snapshotReceived = 0
            snapshotExpected = begin.estimatedCount
            switch state {
            case .resyncing, .paused: break
            default: state = .loadingSnapshot(received: 0, expected: begin.estimatedCount)
            }
            updates.append(.snapshotBegan(begin))
        case .snapshotChunk(let chunk):
            guard join.add(chunk) else { return }
            snapshotReceived &+= UInt64(chunk.chains.count)
            if case .loadingSnapshot = state {
                state = .loadingSnapshot(received: snapshotReceived, expected: max(snapshotExpected, snapshotReceived))
            }
            updates.append(.snapshotChains(chunk.chains))
        case .snapshotEnd(let end):
            guard let released = join.end(end) else { return }
            state = .connected
            updates.append(.snapshotEnded(end))
            if !released.isEmpty {
                updates.append(.events(released))
            }
        case .events(let events):
            let passed = join.pass(events)
            if !passed.isEmpty {
                updates.append(.events(passed))
            }
        case .lost(let lost):
            totalLost &+= lost.count
            state = .resyncing(lost: lost.count)
            updates.append(.lost(lost))
        case .heartbeat(let heartbeat):
            updates.append(.heartbeat(heartbeat))
        case .reply(let reply):
            updates.append(.reply(reply))
        case .command, .unknown:
            // Commands only go the other way; unknown kinds come from a newer agent.
            break
        }
    }

    /// The updates `frame` makes.
    public mutating func apply(_ frame: Frame) -> [AgentClient.Update] {
        var updates: [AgentClient.Update] = []
        apply(frame, into: &updates)
        return updates
    }

    /// The client paused its stream.
    mutating func notePaused() {
        state = .paused
    }

    /// The stream ended: a new one starts from scratch. The loss total and the last handshake
    /// are kept (the latter to find the process again after a restart).
    mutating func reset(to state: AgentClient.State) {
        var fresh = StreamAssembler()
        fresh.state = state
        fresh.totalLost = totalLost
        fresh.handshakes = handshakes
        fresh.hello = hello
        self = fresh
    }
}
