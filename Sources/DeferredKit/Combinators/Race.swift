import Synchronization

/// The first input to succeed, with its position: Twisted's `race`.
///
/// When one input succeeds, every other input is cancelled (the winner never). When every input
/// fails, the race fails with ``FailureGroup`` (errors in input order), and the failures are the
/// race's: they no longer count as unhandled on the inputs. Cancelling the race cancels every input.
/// `race([])` never fires, as in Twisted.
@_disfavoredOverload
public func race<T: Sendable>(_ deferreds: [Deferred<T>]) -> Deferred<(index: Int, value: T)> {
    _race(deferreds, label: nil, site: .unknown)
}

/// `race`, recording a label and the call site for the monitor.
public func race<T: Sendable>(
    _ deferreds: [Deferred<T>],
    label: String? = nil,
    fileID: StaticString = #fileID,
    line: UInt = #line
) -> Deferred<(index: Int, value: T)> {
    _race(deferreds, label: label, site: CallSite(fileID: fileID, line: line))
}

func _race<T: Sendable>(_ deferreds: [Deferred<T>], label: String?, site: CallSite) -> Deferred<(index: Int, value: T)>
{
    let inputs = deferreds.map(\._chain)
    let contest = _RaceContest(inputs)
    let final = _Chain(
        label: label,
        canceller: { _ in
            for input in contest.everyInput() {
                input._cancel(site: site)
            }
        },
        site: site
    )
    for (index, input) in inputs.enumerated() {
        input._appendInternalStep(
            _RaceStep<T>(contest: contest, index: index, final: final, site: site),
            kind: .race,
            site: site
        )
    }
    return Deferred(_chain: final)
}

/// An input's entry in a `race`: the first success wins and cancels the others; when every input
/// has failed, the race fails with all the failures. The race takes over each input's failure.
final class _RaceStep<T: Sendable>: _InternalStep, @unchecked Sendable {
    private let contest: _RaceContest
    private let index: Int
    private let final: _Chain
    private let site: CallSite

    init(contest: _RaceContest, index: Int, final: _Chain, site: CallSite) {
        self.contest = contest
        self.index = index
        self.final = final
        self.site = site
        super.init(feeds: final.id)
    }

    override func run(on chain: _Chain, _ input: _Outcome) -> _InternalAction {
        let failure: any Error
        switch input {
        case .success(let value):
            switch _typedInput(value, as: T.self) {
            case .success(let typed):
                guard let losers = contest.claimWin(index) else { return .passThrough }
                for loser in losers {
                    loser._cancel(site: site)
                }
                return .fire(final, .success((index: index, value: typed)), takesFailure: false)
            case .failure(let error):
                failure = error
            }
        case .failure(let error):
            failure = error
        case .pending, .waiting:
            _noResult()
        }
        if let errors = contest.recordFailure(failure, at: index) {
            return .fire(final, .failure(FailureGroup(errors: errors)), takesFailure: true)
        }
        return .takeFailure
    }
}

/// Who has won a race, and the failures so far. It holds the inputs only until the race is
/// decided, so a decided race keeps none of them alive.
final class _RaceContest: Sendable {
    private struct State {
        var inputs: [_Chain]
        var count: Int
        var decided = false
        var failures: [(index: Int, error: any Error)] = []
    }

    private let state: _Lock<State>

    init(_ inputs: [_Chain]) {
        self.state = _Lock(State(inputs: inputs, count: inputs.count))
    }

    func everyInput() -> [_Chain] {
        state.withLock { $0.inputs }
    }

    /// The inputs to cancel if `index` is the first to succeed; nil if the race is decided.
    func claimWin(_ index: Int) -> [_Chain]? {
        let inputs = state.withLock { s -> [_Chain]? in
            guard !s.decided else { return nil }
            s.decided = true
            defer { s.inputs = [] }
            return s.inputs
        }
        guard var losers = inputs else { return nil }
        losers.remove(at: index)
        return losers
    }

    /// Records a failure; returns every failure in input order once all inputs have failed.
    func recordFailure(_ error: any Error, at index: Int) -> [any Error]? {
        let (errors, inputs) = state.withLock { s -> ([any Error]?, [_Chain]) in
            s.failures.append((index, error))
            guard !s.decided, s.failures.count == s.count else { return (nil, []) }
            s.decided = true
            let inputs = s.inputs
            s.inputs = []
            return (s.failures.sorted { $0.index < $1.index }.map(\.error), inputs)
        }
        // The inputs are released here, outside the lock.
        _ = inputs
        return errors
    }
}
