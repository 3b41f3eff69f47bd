import ArgumentParser
import DeferscopeWire

/// `deferscope dump <pid|socket> [--json]`: one consistent snapshot of the live Deferreds.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print one consistent snapshot of a process's live Deferreds.",
        discussion: "Pending ones come first, oldest first. The JSON schema is in docs/protocol.md."
    )

    @OptionGroup var attach: AttachOptions

    @Flag(help: "Print JSON (schema `deferscope.dump/1`) instead of a table.")
    var json = false

    func run() throws {
        let target = try attach.agentTarget()
        let snapshot: AgentSnapshot
        do {
            snapshot = try AgentSnapshot.take(from: target, timeout: attach.timeout)
        } catch {
            throw CommandFailure("\(target): \(error)")
        }
        let descriptions = Self.ordered(snapshot)
        if json {
            DumpJSON.write(snapshot, descriptions)
        } else {
            DumpTable.write(snapshot, descriptions)
        }
    }

    /// Pending before finished; within each, oldest first; then by id.
    static func ordered(_ snapshot: AgentSnapshot) -> [ChainDescription] {
        snapshot.chains.map { ChainDescription(chain: $0, snapshot: snapshot) }.sorted { lhs, rhs in
            if lhs.isPending != rhs.isPending { return lhs.isPending }
            if lhs.chain.createdAt != rhs.chain.createdAt { return lhs.chain.createdAt < rhs.chain.createdAt }
            return lhs.chain.id < rhs.chain.id
        }
    }
}
