/// A result on a chain, with its type erased: the chain object is not generic, so every value
/// travels as `any Sendable` and each step checks it against its handle's `Value`.
@usableFromInline
enum _Outcome: Sendable {
    case success(any Sendable)
    case failure(any Error)

    @inlinable
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }

    /// The summary an event carries. `describe` runs user code (`description`), so callers pass
    /// true only outside every lock.
    func summary(describe: Bool) -> OutcomeSummary {
        switch self {
        case .success(let value):
            return OutcomeSummary(
                isFailure: false,
                type: type(of: value),
                valueDescription: describe ? _shortDescription(value) : nil
            )
        case .failure(let error):
            return OutcomeSummary(
                isFailure: true,
                type: type(of: error),
                valueDescription: describe ? _shortDescription(error) : nil
            )
        }
    }
}

/// What a user step produced.
@usableFromInline
enum _StepOutput: Sendable {
    case success(any Sendable)
    case failure(any Error)
    /// The step returned a Deferred: the chain waits on it.
    case deferred(_Chain)
}

/// What an internal step (a combinator's member step, `value`, `addTimeout`) asks the runner to do.
@usableFromInline
enum _InternalAction: Sendable {
    /// Leave the result as it is.
    case passThrough
    /// Leave the result as it is, but its failure now belongs to another chain.
    case takeFailure
    /// Replace the result; the new one is this chain's own.
    case replace(_Outcome)
    /// Leave the result as it is and give `outcome` to `target` if it has none yet. With
    /// `takesFailure`, a failure on this chain now belongs to `target`.
    case fire(_Chain, _Outcome, takesFailure: Bool)
}

/// `String(describing:)`, cut to the length events allow.
func _shortDescription(_ value: Any) -> String {
    let text = String(describing: value)
    let limit = OutcomeSummary.maximumDescriptionLength
    guard text.utf8.count > limit else { return text }
    return String(text.prefix(limit - 1)) + "…"
}

/// The name a `ChainTypeError` uses for a type.
@usableFromInline
func _typeNameForError(_ type: any Any.Type) -> String {
    _typeName(type, qualified: false)
}
