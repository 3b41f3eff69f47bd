import Synchronization

extension Deferred {
    /// The result, once the chain has one at this point: the value, or the failure thrown.
    ///
    /// Awaiting appends a step that hands the result to the awaiting task and leaves it on the
    /// chain for later steps (the chain keeps its result). A failure received this way is the
    /// awaiting task's to handle. If the awaiting task is cancelled, the Deferred is cancelled,
    /// and `value` then throws the Deferred's failure (normally ``CancelledError``).
    public var value: Value {
        get async throws {
            let chain = _chain
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                    chain._appendInternalStep(_AwaitStep(continuation), kind: .await, site: .unknown)
                }
            } onCancel: {
                chain._cancel(site: .unknown)
            }
        }
    }

    /// Creates a Deferred whose result is what `operation` returns or throws, run in a new `Task`.
    ///
    /// ``cancel()`` cancels the task and fails the Deferred with ``CancelledError`` at once; what
    /// the task produces afterwards is dropped.
    public init(
        label: String? = nil,
        _ operation: @escaping @Sendable () async throws -> Value,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) {
        let handle = _TaskHandle()
        self.init(label: label, canceller: { _ in handle.cancel() }, fileID: fileID, line: line)
        let chain = _chain
        handle.start(
            Task {
                let outcome: _Outcome
                do {
                    outcome = .success(try await operation())
                } catch {
                    outcome = .failure(error)
                }
                chain._fireIfPending(outcome)
            }
        )
    }
}

/// `value`'s step: hands the result to the awaiting task and leaves it on the chain. A failure
/// taken this way is the task's to handle.
final class _AwaitStep<Value: Sendable>: _InternalStep, @unchecked Sendable {
    private let continuation: CheckedContinuation<Value, any Error>

    init(_ continuation: CheckedContinuation<Value, any Error>) {
        self.continuation = continuation
    }

    override func run(on chain: _Chain, _ input: _Outcome) -> _InternalAction {
        switch input {
        case .success(let value):
            continuation.resume(with: _typedInput(value, as: Value.self))
        case .failure(let error):
            continuation.resume(throwing: error)
        case .pending, .waiting:
            _noResult()
        }
        return .takeFailure
    }
}

/// The task behind `Deferred { … }`, which its canceller cancels, even if that comes first.
final class _TaskHandle: Sendable {
    private struct State {
        var task: Task<Void, Never>?
        var cancelled = false
    }

    private let state = _Lock(State())

    func start(_ task: Task<Void, Never>) {
        let cancelled = state.withLock { s -> Bool in
            s.task = task
            return s.cancelled
        }
        if cancelled {
            task.cancel()
        }
    }

    func cancel() {
        let task = state.withLock { s -> Task<Void, Never>? in
            s.cancelled = true
            return s.task
        }
        task?.cancel()
    }
}
