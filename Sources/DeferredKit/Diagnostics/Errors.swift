// The errors DeferredKit produces. Each has a public memberwise initializer so that cancellers,
// errbacks and `onTimeoutCancel` can produce them too.

/// `callback` or `errback` was called on a Deferred that already has a result.
public struct AlreadyCalledError: Error, Equatable, Sendable {
    /// Creates the error.
    public init() {}
}

/// The Deferred was cancelled and its canceller did not give it another result.
public struct CancelledError: Error, Equatable, Sendable {
    /// Creates the error.
    public init() {}
}

/// The Deferred was cancelled by `addTimeout` because no result arrived in time.
public struct TimeoutError: Error, Equatable, Sendable {
    /// The timeout that expired, in seconds.
    public let seconds: Double

    /// Creates the error for a timeout of `seconds`.
    public init(seconds: Double) {
        self.seconds = seconds
    }
}

/// The first failure among the inputs of `deferredList(_:fireOnOneErrback:)` or `gatherResults`.
public struct FirstError: Error, Sendable {
    /// The position of the failed input.
    public let index: Int
    /// The input's failure.
    public let error: any Error

    /// Creates the error for the input at `index` that failed with `error`.
    public init(index: Int, error: any Error) {
        self.index = index
        self.error = error
    }
}

/// Several failures at once: every input of a `race` failed. The errors are in input order.
public struct FailureGroup: Error, Sendable {
    /// The failures, in the order of the inputs they came from.
    public let errors: [any Error]

    /// Creates the error from `errors`, given in input order.
    public init(errors: [any Error]) {
        self.errors = errors
    }
}

/// A step received a value that is not of its handle's `Value` type (it was added through a stale
/// handle, one from before a step that changed the chain's type).
public struct ChainTypeError: Error, Equatable, Sendable {
    /// The type the step expected.
    public let expected: String
    /// The type the chain held.
    public let actual: String

    /// Creates the error from the two type names.
    public init(expected: String, actual: String) {
        self.expected = expected
        self.actual = actual
    }
}

/// A step returned the Deferred it belongs to, which could never produce a result.
public struct ChainCycleError: Error, Equatable, Sendable {
    /// Creates the error.
    public init() {}
}

/// `DeferredQueue.put(_:)` found the queue full.
public struct QueueOverflow: Error, Equatable, Sendable {
    /// Creates the error.
    public init() {}
}

/// `DeferredQueue.get()` found the backlog of waiting gets full.
public struct QueueUnderflow: Error, Equatable, Sendable {
    /// Creates the error.
    public init() {}
}
