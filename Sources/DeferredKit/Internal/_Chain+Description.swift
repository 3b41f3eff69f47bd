extension _Chain {
    /// What the description shows after the id and label.
    private enum _DescribedState {
        case nothing
        case waiting(on: UInt64)
        case result(_Outcome)
    }

    /// `<Deferred #12 'label'>`, `<Deferred #12 waiting on Deferred #13>` or
    /// `<Deferred #12 current result: 42>`. The result is described outside the lock, since its
    /// `description` is the program's code.
    @usableFromInline
    var _description: String {
        let described = state.withLock { s -> _DescribedState in
            switch s.phase {
            case .pending:
                let chainedTo = s.extras?.chainedTo ?? 0
                return chainedTo == 0 ? .nothing : .waiting(on: chainedTo)
            case .waiting(let inner):
                return .waiting(on: inner.id)
            case .success(let value):
                return .result(.success(value))
            case .failure(let error):
                return .result(.failure(error))
            }
        }
        var text = "<Deferred #\(id)"
        if let label {
            text += " '\(label)'"
        }
        switch described {
        case .nothing:
            break
        case .waiting(let other):
            text += " waiting on Deferred #\(other)"
        case .result(.success(let value)):
            text += " current result: " + String(describing: value)
        case .result(.failure(let error)):
            text += " current result: " + String(describing: error)
        case .result(.pending), .result(.waiting):
            break
        }
        return text + ">"
    }
}
