import ArgumentParser
import DeferscopeWire
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `deferscope record <pid|socket> -o FILE [--duration SECONDS]`: what a client sees, to a file.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record a process's snapshot and event stream to a .dsrec file, to replay later.",
        discussion: "Stops after --duration, on Ctrl-C, or when the process exits. The file holds "
            + "exactly the frames received, after a header (docs/protocol.md)."
    )

    @OptionGroup var attach: AttachOptions

    @Option(name: .shortAndLong, help: "The file to write (.dsrec).")
    var output: String

    @Option(help: "Seconds to record (default: until Ctrl-C or the process exits).")
    var duration: Double?

    func validate() throws {
        if let duration, !(duration > 0) {
            throw ValidationError("--duration must be a positive number of seconds")
        }
    }

    func run() throws {
        let target = try attach.agentTarget()
        let client = AgentClient(target: target, reconnects: false)
        do {
            try client.connect()
        } catch {
            throw CommandFailure("\(target): \(error)")
        }
        // Past a file-size limit, `write` fails with EFBIG instead of the signal ending us.
        signal(SIGXFSZ, SIG_IGN)
        let file = try RecordingFile(path: output)
        client.tap = { bytes in file.write(bytes) }
        InterruptFlag.install()

        let started = Posix.monotonicNanoseconds()
        let deadline = duration.map { started &+ UInt64($0 * 1e9) }
        var events = 0
        var lost: UInt64 = 0
        var ending = "stopped"
        recording: while !InterruptFlag.isSet {
            if let deadline, Posix.monotonicNanoseconds() >= deadline {
                ending = "recorded for \(Format.duration(duration ?? 0))"
                break
            }
            for update in client.poll(timeout: 0.2) {
                switch update {
                case .events(let batch): events += batch.count
                case .lost(let loss): lost &+= loss.count
                case .disconnected(let state):
                    if case .exited(let pid) = state {
                        ending = "process \(pid) exited"
                    } else {
                        ending = "the connection ended (\(client.lastError?.description ?? "closed"))"
                    }
                    break recording
                default: break
                }
            }
            if let failure = file.failure {
                // A full disk or a file-size limit: what is in the file stays readable up to the
                // cut; the process being recorded is not affected (it only loses this client).
                client.close()
                try? file.finish()
                throw CommandFailure(
                    "the recording stopped: writing \(output) failed (\(failure)) after "
                        + "\(Format.bytes(file.bytesWritten)) and \(Format.count(events)) events received; "
                        + "the file replays up to the cut, later events are not in it"
                )
            }
        }
        client.close()
        try file.finish()
        var summary = "\(ending): \(Format.count(events)) events, \(Format.bytes(file.bytesWritten)) in \(output)"
        if lost > 0 {
            summary += " (\(Format.count(lost)) events lost and resynchronized)"
        }
        print(summary)
    }
}
