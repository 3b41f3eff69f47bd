extension AgentClient {
    /// Turns one frame into updates, joining the snapshot and the events.
    func handle(_ frame: Frame, into updates: inout [Update]) {
        switch frame {
        case .hello(let hello):
            lastExecutableAndPid(hello)
            updates.append(.connected(hello))
        case .sites(let sites):
            updates.append(.sites(sites))
        case .types(let types):
            updates.append(.types(types))
        case .snapshotBegin(let begin):
            beginSnapshot(begin)
            updates.append(.snapshotBegan(begin))
        case .snapshotChunk(let chunk):
            guard addSnapshotChunk(chunk) else { return }
            updates.append(.snapshotChains(chunk.chains))
        case .snapshotEnd(let end):
            guard let released = endSnapshot(end) else { return }
            updates.append(.snapshotEnded(end))
            if !released.isEmpty {
                updates.append(.events(released))
            }
        case .events(let events):
            let passed = passEvents(events)
            if !passed.isEmpty {
                updates.append(.events(passed))
            }
        case .lost(let lost):
            noteLoss(lost)
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
}

extension AgentClient {
    func lastExecutableAndPid(_ hello: Hello) {
        if everConnected {
            reconnections += 1
        }
        everConnected = true
        lastExecutable = hello.executablePath
        lastPid = hello.pid
        state = .loadingSnapshot(received: 0, expected: hello.liveCount)
    }

    func beginSnapshot(_ begin: SnapshotBegin) {
        join.begin(begin.snapshotID)
        snapshotReceived = 0
        snapshotExpected = begin.estimatedCount
        switch state {
        case .resyncing, .paused:
            break
        default:
            state = .loadingSnapshot(received: 0, expected: begin.estimatedCount)
        }
    }

    func addSnapshotChunk(_ chunk: SnapshotChunk) -> Bool {
        guard join.add(chunk) else { return false }
        snapshotReceived &+= UInt64(chunk.chains.count)
        if case .loadingSnapshot = state {
            state = .loadingSnapshot(received: snapshotReceived, expected: max(snapshotExpected, snapshotReceived))
        }
        return true
    }

    func endSnapshot(_ end: SnapshotEnd) -> [EventRecord]? {
        guard let released = join.end(end) else { return nil }
        state = .connected
        return released
    }

    func passEvents(_ events: [EventRecord]) -> [EventRecord] {
        join.pass(events)
    }

    func noteLoss(_ lost: Lost) {
        totalLost &+= lost.count
        state = .resyncing(lost: lost.count)
    }

    /// What a closed connection means: the process exited, or something else.
    func connectionEnded(_ error: AgentConnectionError) -> [Update] {
        connection?.close()
        connection = nil
        join = SnapshotJoin()
        if let pid = lastPid, !Posix.processExists(pid) {
            state = .exited(pid: pid)
        } else {
            state = .disconnected(error.description)
        }
        lastError = error
        nextAttempt = Posix.monotonicNanoseconds() &+ Self.reconnectInterval
        return [.disconnected(state)]
    }
}
