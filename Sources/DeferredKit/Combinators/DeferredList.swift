import Synchronization

/// A Deferred that fires once every input has a result, with all of them in input order: Twisted's
/// `DeferredList`.
///
/// It is nothing but a step on each input, so it sees each input's result where that step sits in
/// the input's chain, and the inputs keep their results (later steps on them still see them).
/// Cancelling it cancels every input that has no result yet.
///
/// - Parameters:
///   - deferreds: The inputs. With none, it fires `[]` at once.
///   - fireOnOneErrback: Fail with ``FirstError`` as soon as any input fails.
///   - consumeErrors: Take over the inputs' failures: they no longer count as unhandled on the
///     inputs (without it, an input's failure stays the input's to handle, as in Twisted).
@_disfavoredOverload
public func deferredList<T: Sendable>(
    _ deferreds: [Deferred<T>],
    fireOnOneErrback: Bool = false,
    consumeErrors: Bool = false
) -> Deferred<[Result<T, any Error>]> {
    _deferredList(
        deferreds,
        fireOnOneErrback: fireOnOneErrback,
        consumeErrors: consumeErrors,
        label: nil,
        site: .unknown
    )
}

/// `deferredList`, recording a label and the call site for the monitor.
public func deferredList<T: Sendable>(
    _ deferreds: [Deferred<T>],
    fireOnOneErrback: Bool = false,
    consumeErrors: Bool = false,
    label: String? = nil,
    fileID: StaticString = #fileID,
    line: UInt = #line
) -> Deferred<[Result<T, any Error>]> {
    _deferredList(
        deferreds,
        fireOnOneErrback: fireOnOneErrback,
        consumeErrors: consumeErrors,
        label: label,
        site: CallSite(fileID: fileID, line: line)
    )
}

/// The values of every input in input order, or ``FirstError`` as soon as one fails: Twisted's
/// `gatherResults` (a `deferredList` with `fireOnOneErrback` and one more step).
@_disfavoredOverload
public func gatherResults<T: Sendable>(_ deferreds: [Deferred<T>], consumeErrors: Bool = false) -> Deferred<[T]> {
    _gatherResults(deferreds, consumeErrors: consumeErrors, label: nil, site: .unknown)
}

/// `gatherResults`, recording a label and the call site for the monitor.
public func gatherResults<T: Sendable>(
    _ deferreds: [Deferred<T>],
    consumeErrors: Bool = false,
    label: String? = nil,
    fileID: StaticString = #fileID,
    line: UInt = #line
) -> Deferred<[T]> {
    _gatherResults(deferreds, consumeErrors: consumeErrors, label: label, site: CallSite(fileID: fileID, line: line))
}

func _gatherResults<T: Sendable>(
    _ deferreds: [Deferred<T>],
    consumeErrors: Bool,
    label: String?,
    site: CallSite
) -> Deferred<[T]> {
    let list = _deferredList(deferreds, fireOnOneErrback: true, consumeErrors: consumeErrors, label: label, site: site)
    list._chain._appendInternalStep(_UnwrapResults<T>(), kind: .collect, site: site)
    return Deferred<[T]>(_chain: list._chain)
}

func _deferredList<T: Sendable>(
    _ deferreds: [Deferred<T>],
    fireOnOneErrback: Bool,
    consumeErrors: Bool,
    label: String?,
    site: CallSite
) -> Deferred<[Result<T, any Error>]> {
    let inputs = deferreds.map(\._chain)
    let list = _Chain(
        label: label,
        canceller: { _ in
            for input in inputs {
                input._cancel(site: site)
            }
        },
        site: site,
        cancelForwardsOnly: true
    )
    if inputs.isEmpty {
        list._fireIfPending(.success([Result<T, any Error>]()), site: site)
        return Deferred(_chain: list)
    }
    let collector = _ListCollector<T>(count: inputs.count, fireOnOneErrback: fireOnOneErrback)
    for (index, input) in inputs.enumerated() {
        input._appendInternalStep(
            _CollectStep(collector: collector, index: index, list: list, consumeErrors: consumeErrors),
            kind: .collect,
            site: site
        )
    }
    return Deferred(_chain: list)
}

/// An input's membership in a `deferredList`: records what reaches it, and fires the list when
/// that completes it. Twisted's DeferredList is exactly such a step on each input.
final class _CollectStep<T: Sendable>: _InternalStep, @unchecked Sendable {
    private let collector: _ListCollector<T>
    private let index: Int
    private let list: _Chain
    private let consumeErrors: Bool

    init(collector: _ListCollector<T>, index: Int, list: _Chain, consumeErrors: Bool) {
        self.collector = collector
        self.index = index
        self.list = list
        self.consumeErrors = consumeErrors
        super.init(feeds: list.id)
    }

    override func run(on chain: _Chain, _ input: _Outcome) -> _InternalAction {
        let takesFailure = consumeErrors && input.isFailure
        if let fire = collector.record(input, at: index) {
            return .fire(list, fire, takesFailure: takesFailure)
        }
        return takesFailure ? .takeFailure : .passThrough
    }
}

/// `gatherResults`' last step on the list: the values out of their `Result`s.
final class _UnwrapResults<T: Sendable>: _InternalStep, @unchecked Sendable {
    override func run(on chain: _Chain, _ input: _Outcome) -> _InternalAction {
        // With fireOnOneErrback the list only succeeds when every input did.
        guard case .success(let value) = input, let results = value as? [Result<T, any Error>] else {
            return .passThrough
        }
        var values: [T] = []
        values.reserveCapacity(results.count)
        for case .success(let item) in results {
            values.append(item)
        }
        return .replace(.success(values))
    }
}

/// The results gathered so far for one `deferredList`.
final class _ListCollector<T: Sendable>: Sendable {
    private struct State {
        var results: [Result<T, any Error>?]
        var finished = 0
        var fired = false
    }

    private let state: _Lock<State>
    private let fireOnOneErrback: Bool

    init(count: Int, fireOnOneErrback: Bool) {
        self.state = _Lock(State(results: Array(repeating: nil, count: count)))
        self.fireOnOneErrback = fireOnOneErrback
    }

    /// Records input `index`'s result; returns what to fire the list with, if this completes it.
    func record(_ outcome: _Outcome, at index: Int) -> _Outcome? {
        let result: Result<T, any Error>
        switch outcome {
        case .success(let value): result = _typedInput(value, as: T.self)
        case .failure(let error): result = .failure(error)
        case .pending, .waiting: _noResult()
        }
        return state.withLock { s -> _Outcome? in
            guard s.results[index] == nil else { return nil }
            s.results[index] = result
            s.finished += 1
            guard !s.fired else { return nil }
            if fireOnOneErrback, case .failure(let error) = result {
                s.fired = true
                return .failure(FirstError(index: index, error: error))
            }
            guard s.finished == s.results.count else { return nil }
            s.fired = true
            return .success(s.results.map { $0! })
        }
    }
}
