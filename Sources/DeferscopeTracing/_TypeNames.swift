import DeferredKit

/// Type names by type, because `OutcomeSummary.typeName` demangles the type on every call and a
/// traced Deferred names its result's type on every event. Each entry also keeps the two outcome
/// texts made from the name, so that an event costs a lookup rather than a new string. The cache
/// holds one entry per type a traced chain ever produced: bounded by the program's types.
enum _TypeNames {
    private struct Entry: Sendable {
        let name: String
        let success: String
        let failure: String
    }

    private static let entries = _Lock<[ObjectIdentifier: Entry]>([:])

    /// `success Int` or `failure TimeoutError`, as `OutcomeSummary.description` says it.
    static func describe(_ outcome: OutcomeSummary) -> String {
        let entry = entry(outcome)
        return outcome.isFailure ? entry.failure : entry.success
    }

    /// The type's name without its module, as `OutcomeSummary.typeName` says it.
    static func name(_ outcome: OutcomeSummary) -> String {
        entry(outcome).name
    }

    private static func entry(_ outcome: OutcomeSummary) -> Entry {
        let key = ObjectIdentifier(outcome.type)
        if let known = entries.withLock({ $0[key] }) {
            return known
        }
        let name = outcome.typeName
        let entry = Entry(name: name, success: "success " + name, failure: "failure " + name)
        entries.withLock { $0[key] = entry }
        return entry
    }
}
