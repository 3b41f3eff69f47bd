import DeferredKit
import DeferscopeWire
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `deferscope demo --app-only`: a real process that a client attaches to over its socket.
@Suite struct DemoAppTests {
    /// Within 10 s of starting, the demo shows every kind of trouble the dashboard exists for.
    @Test func theDemoShowsEveryIncidentWithinTenSeconds() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let started = Posix.monotonicNanoseconds()
        let demo = try startDeferscope(
            ["demo", "--app-only", "--rate", "200", "--seed", "7"],
            runtimeDirectory: directory
        )
        defer { if demo.isRunning { kill(demo.processIdentifier, SIGKILL) } }
        var lines = LineReader(fd: (demo.standardOutput as! Pipe).fileHandleForReading.fileDescriptor)
        #expect(try lines.next(timeout: 30, what: "the demo") == "pid \(demo.processIdentifier)")
        let socketLine = try lines.next(timeout: 30, what: "the demo")
        #expect(socketLine.hasPrefix("socket \(directory)/deferscope/"))
        let socket = String(socketLine.dropFirst("socket ".count))

        let client = AgentClient(target: .socket(socket), reconnects: false)
        var watch = IncidentWatch()
        let deadline = started + 10_000_000_000
        while !watch.sawEverything, Posix.monotonicNanoseconds() < deadline {
            for update in client.poll(timeout: 0.2) {
                watch.apply(update)
            }
        }
        #expect(watch.missing.isEmpty, "not seen within 10 s: \(watch.missing)")

        kill(demo.processIdentifier, SIGINT)
        demo.waitUntilExit()
        #expect(demo.terminationStatus == 0)
        let rest = (demo.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        #expect(String(decoding: rest, as: UTF8.self).contains("demo stopped:"))
        #expect(access(socket, F_OK) != 0, "the socket is removed at exit")
    }
}

/// What a client has seen of the demo's incidents, from the snapshot and the events.
private struct IncidentWatch {
    private var kinds: Set<DeferredEvent.Kind> = []
    private var labels: [UInt64: String] = [:]
    private var waitingOn: [UInt64: UInt64] = [:]
    private var abandoned = false
    private var releasedUnhandled = false

    mutating func apply(_ update: AgentClient.Update) {
        switch update {
        case .snapshotChains(let chains):
            for chain in chains {
                labels[chain.id] = chain.label
                if chain.waitingOn != 0 { waitingOn[chain.id] = chain.waitingOn }
            }
        case .events(let events):
            for event in events {
                guard let kind = event.kind else { continue }
                kinds.insert(kind)
                switch kind {
                case .created: labels[event.id] = event.label
                case .waiting: waitingOn[event.id] = event.other
                case .resumed: waitingOn[event.id] = nil
                case .released:
                    if !event.eventFlags.contains(.everFired) { abandoned = true }
                    if labels[event.id] == "audit log write" { releasedUnhandled = true }
                default: break
                }
            }
        default:
            break
        }
    }

    /// The two sync jobs wait on each other.
    private var deadlock: Bool {
        waitingOn.contains { chain, other in waitingOn[other] == chain }
    }

    /// `nightly close` waits on `billing reconcile`, which waits on the `ledger handshake`.
    private var stuckThreeLevelsDeep: Bool {
        waitingOn.contains { chain, middle in
            labels[chain] == "nightly close" && labels[middle] == "billing reconcile"
                && waitingOn[middle].map { labels[$0] == "ledger handshake" } == true
        }
    }

    /// Queries wait in line for one of the pool's connections.
    private var poolQueue: Bool {
        labels.values.contains("DeferredSemaphore.acquire")
    }

    var missing: [String] {
        var missing: [String] = []
        let wanted: [DeferredEvent.Kind] = [
            .timeoutArmed, .timedOut, .alreadyCalled, .unhandledFailure, .cancelled, .paused, .unpaused, .waiting,
        ]
        for kind in wanted where !kinds.contains(kind) {
            missing.append(kind.description)
        }
        if !abandoned { missing.append("abandoned") }
        if !releasedUnhandled { missing.append("released unhandled") }
        if !deadlock { missing.append("deadlock") }
        if !stuckThreeLevelsDeep { missing.append("stuck three levels deep") }
        if !poolQueue { missing.append("pool queue") }
        return missing
    }

    var sawEverything: Bool { missing.isEmpty }
}
