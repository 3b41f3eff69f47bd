// The `add…` methods. Each is `@inlinable` and thin: it wraps the closure in a step closure that is
// specialized for the handle's types right here at the call site, and appends it to the shared,
// non-generic chain. The hot path therefore runs specialized code without paying for a generic
// chain object per step.
//
// Every method comes in two spellings: `addCallback { … }` and `addCallback(label: "parse") { … }`.
// Both record the call site for the monitor.

extension Deferred {
    /// Appends a step that runs on success with the value and produces the next value. A failure
    /// passes it by. Throwing turns the chain into a failure.
    ///
    /// - Parameters:
    ///   - f: The step.
    ///   - label: A name for the step, shown by the monitor.
    /// - Returns: A handle onto the same chain, typed for what `f` produces.
    @inlinable
    @discardableResult
    public func addCallback<U: Sendable>(
        _ f: @escaping @Sendable (Value) throws -> U,
        label: String? = nil,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) -> Deferred<U> {
        _addStep(.callback, label: label, site: CallSite(fileID: fileID, line: line)) { _invokeCallback(f, $0) }
    }

    /// `addCallback` with the label first, for trailing-closure calls.
    @inlinable
    @discardableResult
    public func addCallback<U: Sendable>(
        label: String,
        fileID: StaticString = #fileID,
        line: UInt = #line,
        _ f: @escaping @Sendable (Value) throws -> U
    ) -> Deferred<U> {
        _addStep(.callback, label: label, site: CallSite(fileID: fileID, line: line)) { _invokeCallback(f, $0) }
    }

    /// Appends a step that runs on success and returns another Deferred: the chain waits for it
    /// and goes on with its result.
    @inlinable
    @discardableResult
    public func addCallback<U: Sendable>(
        _ f: @escaping @Sendable (Value) throws -> Deferred<U>,
        label: String? = nil,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) -> Deferred<U> {
        _addStep(.callback, label: label, site: CallSite(fileID: fileID, line: line)) {
            _invokeCallbackChaining(f, $0)
        }
    }

    /// The Deferred-returning `addCallback` with the label first, for trailing-closure calls.
    @inlinable
    @discardableResult
    public func addCallback<U: Sendable>(
        label: String,
        fileID: StaticString = #fileID,
        line: UInt = #line,
        _ f: @escaping @Sendable (Value) throws -> Deferred<U>
    ) -> Deferred<U> {
        _addStep(.callback, label: label, site: CallSite(fileID: fileID, line: line)) {
            _invokeCallbackChaining(f, $0)
        }
    }

    /// Appends a step that runs on failure. Returning a value recovers (the callbacks after it run
    /// again); throwing keeps the chain failed. A success passes it by.
    @inlinable
    @discardableResult
    public func addErrback(
        _ f: @escaping @Sendable (any Error) throws -> Value,
        label: String? = nil,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) -> Deferred<Value> {
        _addStep(.errback, label: label, site: CallSite(fileID: fileID, line: line)) { _invokeErrback(f, $0) }
    }

    /// `addErrback` with the label first, for trailing-closure calls.
    @inlinable
    @discardableResult
    public func addErrback(
        label: String,
        fileID: StaticString = #fileID,
        line: UInt = #line,
        _ f: @escaping @Sendable (any Error) throws -> Value
    ) -> Deferred<Value> {
        _addStep(.errback, label: label, site: CallSite(fileID: fileID, line: line)) { _invokeErrback(f, $0) }
    }

    /// Appends a step that runs on failure and returns another Deferred to wait for.
    @_disfavoredOverload
    @inlinable
    @discardableResult
    public func addErrback(
        _ f: @escaping @Sendable (any Error) throws -> Deferred<Value>,
        label: String? = nil,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) -> Deferred<Value> {
        _addStep(.errback, label: label, site: CallSite(fileID: fileID, line: line)) {
            _invokeErrbackChaining(f, $0)
        }
    }

    /// The Deferred-returning `addErrback` with the label first, for trailing-closure calls.
    @_disfavoredOverload
    @inlinable
    @discardableResult
    public func addErrback(
        label: String,
        fileID: StaticString = #fileID,
        line: UInt = #line,
        _ f: @escaping @Sendable (any Error) throws -> Deferred<Value>
    ) -> Deferred<Value> {
        _addStep(.errback, label: label, site: CallSite(fileID: fileID, line: line)) {
            _invokeErrbackChaining(f, $0)
        }
    }

    /// Appends a step that runs on either outcome.
    @inlinable
    @discardableResult
    public func addBoth<U: Sendable>(
        _ f: @escaping @Sendable (Result<Value, any Error>) throws -> U,
        label: String? = nil,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) -> Deferred<U> {
        _addStep(.both, label: label, site: CallSite(fileID: fileID, line: line)) { _invokeBoth(f, $0) }
    }

    /// `addBoth` with the label first, for trailing-closure calls.
    @inlinable
    @discardableResult
    public func addBoth<U: Sendable>(
        label: String,
        fileID: StaticString = #fileID,
        line: UInt = #line,
        _ f: @escaping @Sendable (Result<Value, any Error>) throws -> U
    ) -> Deferred<U> {
        _addStep(.both, label: label, site: CallSite(fileID: fileID, line: line)) { _invokeBoth(f, $0) }
    }

    /// Appends a step that runs on either outcome and returns another Deferred to wait for.
    @inlinable
    @discardableResult
    public func addBoth<U: Sendable>(
        _ f: @escaping @Sendable (Result<Value, any Error>) throws -> Deferred<U>,
        label: String? = nil,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) -> Deferred<U> {
        _addStep(.both, label: label, site: CallSite(fileID: fileID, line: line)) { _invokeBothChaining(f, $0) }
    }

    /// The Deferred-returning `addBoth` with the label first, for trailing-closure calls.
    @inlinable
    @discardableResult
    public func addBoth<U: Sendable>(
        label: String,
        fileID: StaticString = #fileID,
        line: UInt = #line,
        _ f: @escaping @Sendable (Result<Value, any Error>) throws -> Deferred<U>
    ) -> Deferred<U> {
        _addStep(.both, label: label, site: CallSite(fileID: fileID, line: line)) { _invokeBothChaining(f, $0) }
    }

    /// Appends one step with two sides: `callback` runs on success, `errback` on failure.
    @inlinable
    @discardableResult
    public func addCallbacks<U: Sendable>(
        _ callback: @escaping @Sendable (Value) throws -> U,
        _ errback: @escaping @Sendable (any Error) throws -> U,
        label: String? = nil,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) -> Deferred<U> {
        _addStep(.callbacks, label: label, site: CallSite(fileID: fileID, line: line)) { input in
            _invokeBoth(
                { (result: Result<Value, any Error>) throws -> U in
                    switch result {
                    case .success(let value): return try callback(value)
                    case .failure(let error): return try errback(error)
                    }
                },
                input
            )
        }
    }

    /// Appends a step the program wrote, as the closure `step` that the caller specialized.
    @inlinable
    func _addStep<U: Sendable>(
        _ kind: StepKind,
        label: String?,
        site: CallSite,
        _ step: @escaping _UserStep
    ) -> Deferred<U> {
        _chain._appendUserStep(kind: kind, step: step, label: label, site: site)
        return Deferred<U>(_chain: _chain)
    }

    /// `addCallback` with the site already recorded; for DeferredKit's own steps.
    @inlinable
    func _addCallback<U: Sendable>(
        _ f: @escaping @Sendable (Value) throws -> U,
        label: String?,
        site: CallSite
    ) -> Deferred<U> {
        _addStep(.callback, label: label, site: site) { _invokeCallback(f, $0) }
    }
}

// MARK: - Invokers

/// The value a step of input type `V` receives, or the `ChainTypeError` a stale handle earns.
@inlinable
func _typedInput<V>(_ value: any Sendable, as _: V.Type) -> Result<V, any Error> {
    if let typed = _cast(value, to: V.self) {
        return .success(typed)
    }
    return .failure(_chainTypeError(expected: V.self, value))
}

/// The failure of a step that received a value of the wrong type.
@usableFromInline
func _chainTypeError(expected: any Any.Type, _ value: any Sendable) -> ChainTypeError {
    ChainTypeError(expected: _typeNameForError(expected), actual: _typeNameForError(type(of: value)))
}

/// The value a step of input type `V` receives; throws the `ChainTypeError` a stale handle earns.
@inlinable
@inline(__always)
func _typedValue<V>(_ value: any Sendable, as _: V.Type) throws -> V {
    if let typed = _cast(value, to: V.self) {
        return typed
    }
    throw _chainTypeError(expected: V.self, value)
}

@inlinable
func _invokeCallback<V: Sendable, U: Sendable>(_ f: (V) throws -> U, _ input: _Outcome) -> _StepOutput {
    do {
        return .success(try f(_successValue(input, as: V.self)))
    } catch {
        return .failure(error)
    }
}

@inlinable
func _invokeCallbackChaining<V: Sendable, U: Sendable>(
    _ f: (V) throws -> Deferred<U>,
    _ input: _Outcome
) -> _StepOutput {
    do {
        return .waiting(try f(_successValue(input, as: V.self))._chain)
    } catch {
        return .failure(error)
    }
}

@inlinable
func _invokeErrback<V: Sendable>(_ f: (any Error) throws -> V, _ input: _Outcome) -> _StepOutput {
    guard case .failure(let error) = input else { return input }
    do {
        return .success(try f(error))
    } catch {
        return .failure(error)
    }
}

@inlinable
func _invokeErrbackChaining<V: Sendable>(_ f: (any Error) throws -> Deferred<V>, _ input: _Outcome) -> _StepOutput {
    guard case .failure(let error) = input else { return input }
    do {
        return .waiting(try f(error)._chain)
    } catch {
        return .failure(error)
    }
}

@inlinable
func _invokeBoth<V: Sendable, U: Sendable>(_ f: (Result<V, any Error>) throws -> U, _ input: _Outcome) -> _StepOutput {
    do {
        return .success(try f(try _result(input, as: V.self)))
    } catch {
        return .failure(error)
    }
}

@inlinable
func _invokeBothChaining<V: Sendable, U: Sendable>(
    _ f: (Result<V, any Error>) throws -> Deferred<U>,
    _ input: _Outcome
) -> _StepOutput {
    do {
        return .waiting(try f(try _result(input, as: V.self))._chain)
    } catch {
        return .failure(error)
    }
}

/// The `Result` an `addBoth` step receives; throws `ChainTypeError` for a value of the wrong type.
@inlinable
func _result<V>(_ input: _Outcome, as _: V.Type) throws -> Result<V, any Error> {
    switch input {
    case .success: return .success(try _successValue(input, as: V.self))
    case .failure(let error): return .failure(error)
    case .pending, .waiting: _noResult()
    }
}
