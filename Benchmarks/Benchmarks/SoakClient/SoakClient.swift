import DeferredKit
import DeferscopeWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The soak test's checking client (`scripts/soak`): attaches to a socket for a while and checks
/// that no event is lost without being reported.
///
///     SoakClient SOCKET SECONDS
///
/// Every event carries its chain's counter (`sequence`, 1 for `created`); after a snapshot, the
/// next event of a chain in it must be the record's counter + 1, and a chain not in it must start
/// at 1. A jump is an unreported loss unless a `lost` frame came first (then the picture is
/// resynchronized and checking starts again after the next snapshot). Prints one line and exits
/// 1 when an unreported gap or a repeated event was seen.
@main
struct SoakClient {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count == 3, let seconds = Double(arguments[2]) else {
            printError("usage: SoakClient SOCKET SECONDS")
            exit(2)
        }
        var check = SequenceCheck()
        let client = AgentClient(target: .socket(arguments[1]), reconnects: false)
        do {
            try client.connect()
        } catch {
            printError("SoakClient: cannot attach: \(error)")
            exit(2)
        }
        let start = DeferredInstrumentation.now()
        let deadline = start + UInt64(seconds * 1e9)
        polling: while DeferredInstrumentation.now() < deadline {
            for update in client.poll(timeout: 0.2) {
                if case .disconnected(let state) = update {
                    printError("SoakClient: disconnected: \(state)")
                    break polling
                }
                check.apply(update)
            }
        }
        client.close()
        let elapsed = Double(DeferredInstrumentation.now() - start) / 1e9
        print(check.summary + " created-per-second \(Int(Double(check.created) / elapsed))")
        exit(check.unreportedGaps == 0 && check.repeated == 0 ? 0 : 1)
    }
}

/// Per-chain event counters, checked as updates arrive.
struct SequenceCheck {
    private var last: [UInt64: UInt32] = [:]
    private var incoming: [UInt64: UInt32] = [:]
    private var checking = false
    var events = 0
    /// `created` events: Deferreds made while attached.
    var created = 0
    var snapshots = 0
    var reportedLost: UInt64 = 0
    var unreportedGaps = 0
    var repeated = 0
    /// Events of a chain neither in the snapshot nor created after it (released while the
    /// snapshot was taken): not a loss, counted to be seen.
    var outsidePicture = 0

    mutating func apply(_ update: AgentClient.Update) {
        switch update {
        case .connected:
            last = [:]
            checking = false
        case .snapshotBegan:
            incoming = [:]
        case .snapshotChains(let records):
            for record in records { incoming[record.id] = record.sequence }
        case .snapshotEnded:
            last = incoming
            incoming = [:]
            checking = true
            snapshots += 1
        case .events(let records):
            for record in records { check(record) }
        case .lost(let lost):
            reportedLost &+= lost.count
            checking = false
        default:
            break
        }
    }

    private mutating func check(_ record: EventRecord) {
        events += 1
        if record.kind == .created { created += 1 }
        guard checking else { return }
        let expected = last[record.id].map { $0 &+ 1 } ?? 1
        if record.sequence > expected {
            if last[record.id] == nil {
                outsidePicture += 1
            } else {
                unreportedGaps += 1
            }
        } else if record.sequence < expected {
            repeated += 1
        }
        if record.kind == .released {
            last[record.id] = nil
        } else {
            last[record.id] = record.sequence
        }
    }

    var summary: String {
        "events \(events) snapshots \(snapshots) reported-lost \(reportedLost) unreported-gaps \(unreportedGaps) "
            + "repeated \(repeated) outside-picture \(outsidePicture)"
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
