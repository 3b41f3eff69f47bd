extension _Phase {
    /// The summary an event carries. `describe` runs user code (`description`), so callers pass
    /// true only outside every lock.
    func summary(describe: Bool) -> OutcomeSummary? {
        switch self {
        case .success(let value):
            return OutcomeSummary(
                isFailure: false,
                type: _storedType(value),
                valueDescription: describe ? _shortDescription(value) : nil
            )
        case .failure(let error):
            return OutcomeSummary(
                isFailure: true,
                type: type(of: error),
                valueDescription: describe ? _shortDescription(error) : nil
            )
        case .pending, .waiting:
            return nil
        }
    }
}

/// The type stored in an existential container: its fourth word, read directly rather than
/// through `type(of:)`'s runtime call. (For a class instance stored under its own class, as the
/// runtime does, this is the class; `type(of:)` would look further for a subclass.)
@inline(__always)
func _storedType(_ value: any Sendable) -> any Any.Type {
    withUnsafePointer(to: value) { container in
        let metadata = UnsafeRawPointer(container).load(
            fromByteOffset: 3 * MemoryLayout<Int>.size,
            as: UnsafeRawPointer.self
        )
        return unsafeBitCast(metadata, to: Any.Type.self)
    }
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

/// A step or combinator was handed a `_Phase` that is not a result: a bug in DeferredKit.
@usableFromInline
func _noResult() -> Never {
    preconditionFailure("DeferredKit: a step was given a phase that is not a result")
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
