/// A result that has not arrived yet, with one chain of steps (callbacks and errbacks) that will
/// process it: Twisted's `Deferred`, for Swift.
///
/// `Deferred` is a small typed handle onto a shared chain. `addCallback` and its siblings append a
/// step to that same chain and return a handle typed for what the step produces; every handle of
/// one chain has the same ``id``. Compare Deferreds by `id` (or `===`), never by value.
///
/// ```swift
/// let d = Deferred<Data>(label: "fetch config")
/// d.addCallback { data in try JSONDecoder().decode(Config.self, from: data) }
///  .addErrback { error in Config.defaults }
/// try d.callback(bytes)          // runs the steps, on this thread
/// ```
///
/// Steps run in order, on the thread that delivers the result, or at once on the adding thread if
/// the result is already there. A step that returns another Deferred pauses the chain until that
/// one has a result. Any thread may fire, add or cancel; no lock is held while a step runs.
public struct Deferred<Value: Sendable>: Sendable {
    @usableFromInline
    let _chain: _Chain

    @inlinable
    init(_chain: _Chain) {
        self._chain = _chain
    }

    /// Creates a Deferred with no result.
    ///
    /// - Parameters:
    ///   - label: A name the monitor and the description show.
    ///   - canceller: Called by ``cancel()`` while there is no result. It may give the Deferred a
    ///     result; if it does not, the Deferred fails with ``CancelledError``.
    ///   - fileID: Recorded as the creation site (leave the default).
    ///   - line: Recorded as the creation site (leave the default).
    @inlinable
    public init(
        label: String? = nil,
        canceller: (@Sendable (Deferred<Value>) -> Void)? = nil,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) {
        let site = CallSite(fileID: fileID, line: line)
        if let canceller {
            self._chain = _Chain(label: label, canceller: { canceller(Deferred(_chain: $0)) }, site: site)
        } else {
            self._chain = _Chain(label: label, canceller: nil, site: site)
        }
    }

    /// A Deferred that already has `value` as its result.
    @_disfavoredOverload
    @inlinable
    public static func succeed(_ value: Value) -> Deferred<Value> {
        Deferred(_chain: _Chain(label: nil, outcome: .success(value), site: .unknown))
    }

    /// A Deferred that already has `value` as its result, with a label and creation site.
    @inlinable
    public static func succeed(
        _ value: Value,
        label: String? = nil,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) -> Deferred<Value> {
        Deferred(_chain: _Chain(label: label, outcome: .success(value), site: CallSite(fileID: fileID, line: line)))
    }

    /// A Deferred that already has `error` as its result.
    @_disfavoredOverload
    @inlinable
    public static func fail(_ error: any Error) -> Deferred<Value> {
        Deferred(_chain: _Chain(label: nil, outcome: .failure(error), site: .unknown))
    }

    /// A Deferred that already has `error` as its result, with a label and creation site.
    @inlinable
    public static func fail(
        _ error: any Error,
        label: String? = nil,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) -> Deferred<Value> {
        Deferred(_chain: _Chain(label: label, outcome: .failure(error), site: CallSite(fileID: fileID, line: line)))
    }

    /// The chain's identity: the same on every handle of one chain.
    @inlinable
    public var id: DeferredID { _chain.deferredID }

    /// The label given at creation.
    @inlinable
    public var label: String? { _chain.label }

    /// Whether a result was given (Twisted's `called`), even if the chain is paused.
    @inlinable
    public var isCalled: Bool { _chain.isCalled }

    /// Whether the chain is paused by ``pause()`` or waiting on another Deferred.
    @inlinable
    public var isPaused: Bool { _chain.isPaused }

    /// Whether two handles are onto the same chain.
    @inlinable
    public static func === (lhs: Deferred<Value>, rhs: Deferred<Value>) -> Bool {
        lhs._chain === rhs._chain
    }

    /// Whether two handles are onto different chains.
    @inlinable
    public static func !== (lhs: Deferred<Value>, rhs: Deferred<Value>) -> Bool {
        lhs._chain !== rhs._chain
    }
}

// MARK: - Firing

extension Deferred {
    /// Gives the Deferred its result and runs the steps, on this thread.
    ///
    /// - Throws: ``AlreadyCalledError`` if it already has a result (unless it was cancelled
    ///   without a canceller: then this one call is silently ignored).
    @_disfavoredOverload
    @inlinable
    public func callback(_ value: Value) throws {
        try _chain._fire(.success(value), site: .unknown)
    }

    /// Gives the Deferred its result and runs the steps, on this thread; records the call site.
    ///
    /// - Throws: ``AlreadyCalledError`` if it already has a result (unless it was cancelled
    ///   without a canceller: then this one call is silently ignored).
    @inlinable
    public func callback(_ value: Value, fileID: StaticString = #fileID, line: UInt = #line) throws {
        try _chain._fire(.success(value), site: CallSite(fileID: fileID, line: line))
    }

    /// Gives the Deferred a failure and runs the steps, on this thread.
    ///
    /// - Throws: ``AlreadyCalledError`` if it already has a result (see ``callback(_:)``).
    @_disfavoredOverload
    @inlinable
    public func errback(_ error: any Error) throws {
        try _chain._fire(.failure(error), site: .unknown)
    }

    /// Gives the Deferred a failure and runs the steps, on this thread; records the call site.
    ///
    /// - Throws: ``AlreadyCalledError`` if it already has a result (see ``callback(_:)``).
    @inlinable
    public func errback(_ error: any Error, fileID: StaticString = #fileID, line: UInt = #line) throws {
        try _chain._fire(.failure(error), site: CallSite(fileID: fileID, line: line))
    }
}

// MARK: - Cancelling and pausing

extension Deferred {
    /// Cancels the Deferred.
    ///
    /// Without a result yet: runs the canceller; if that gives no result (or there is none), the
    /// Deferred fails with ``CancelledError``. Without a canceller, the producer's later
    /// `callback`/`errback` is swallowed once. While waiting on another Deferred: cancels that one
    /// instead. With a result: does nothing.
    @_disfavoredOverload
    @inlinable
    public func cancel() {
        _chain._cancel(site: .unknown)
    }

    /// Cancels the Deferred (see ``cancel()``), recording the call site.
    @inlinable
    public func cancel(fileID: StaticString = #fileID, line: UInt = #line) {
        _chain._cancel(site: CallSite(fileID: fileID, line: line))
    }

    /// Stops running steps until ``unpause()`` is called as many times.
    @_disfavoredOverload
    @inlinable
    public func pause() {
        _chain._pause(site: .unknown)
    }

    /// Stops running steps until ``unpause()`` is called as many times; records the call site.
    @inlinable
    public func pause(fileID: StaticString = #fileID, line: UInt = #line) {
        _chain._pause(site: CallSite(fileID: fileID, line: line))
    }

    /// Undoes one ``pause()``, and runs the steps that waited if that was the last. Does nothing
    /// when the Deferred is not paused by `pause()` (Twisted would hang forever).
    @_disfavoredOverload
    @inlinable
    public func unpause() {
        _chain._unpause(site: .unknown)
    }

    /// Undoes one ``pause()`` (see ``unpause()``), recording the call site.
    @inlinable
    public func unpause(fileID: StaticString = #fileID, line: UInt = #line) {
        _chain._unpause(site: CallSite(fileID: fileID, line: line))
    }
}

// MARK: - Description

extension Deferred: CustomStringConvertible {
    /// `<Deferred #12>` while it has no result, `<Deferred #12 waiting on Deferred #13>` while it
    /// waits on another, `<Deferred #12 current result: 42>` once it has one. A label follows the
    /// id in single quotes: `<Deferred #12 'fetch'>`.
    public var description: String { _chain._description }
}
