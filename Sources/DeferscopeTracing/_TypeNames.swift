import DeferredKit

/// Type names by type, because `OutcomeSummary.typeName` demangles the type on every call and a
/// traced Deferred names its result's type on every event. The cache holds one entry per type a
/// traced chain ever produced: bounded by the program's types.
enum _TypeNames {
    private static let names = _Lock<[ObjectIdentifier: String]>([:])

    /// `success Int` or `failure TimeoutError`, as `OutcomeSummary.description` says it.
    static func describe(_ outcome: OutcomeSummary) -> String {
        (outcome.isFailure ? "failure " : "success ") + name(outcome)
    }

    /// The type's name without its module, as `OutcomeSummary.typeName` says it.
    static func name(_ outcome: OutcomeSummary) -> String {
        let key = ObjectIdentifier(outcome.type)
        if let known = names.withLock({ $0[key] }) {
            return known
        }
        let name = outcome.typeName
        names.withLock { $0[key] = name }
        return name
    }
}
