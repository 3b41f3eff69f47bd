import Synchronization

/// A semaphore for Deferred-based code: Twisted's `DeferredSemaphore`. At most ``limit`` holders
/// at once; ``release()`` hands its token straight to the next waiter, firing that waiter's
/// Deferred on the releasing thread. As with ``DeferredLock``, releases made while a token is
/// being handed on are carried out by the outer release, so a long line never deepens the stack.
public final class DeferredSemaphore: Sendable {
    private struct State: _HandsOn {
        var tokens: Int
        let limit: Int
        var waiting = _FIFO<_Chain>()
        var handOff = _HandOffCounters()

        func checkRelease() {
            precondition(
                tokens + handOff.owed < limit,
                "DeferredSemaphore.release(): released more times than acquired (limit \(limit))"
            )
        }

        mutating func takeNextWaiter() -> _Chain? {
            if let waiter = waiting.popFirst() {
                return waiter
            }
            tokens += 1
            return nil
        }
    }

    private let state: _Lock<State>

    /// The number of tokens, the most holders at once.
    public let limit: Int

    /// Creates a semaphore with `tokens` tokens.
    ///
    /// - Precondition: `tokens` is at least 1.
    public init(tokens: Int) {
        precondition(tokens >= 1, "DeferredSemaphore(tokens:) needs at least one token, got \(tokens)")
        self.limit = tokens
        self.state = _Lock(State(tokens: tokens, limit: tokens))
    }

    /// Tokens free now.
    public var tokens: Int {
        state.withLock { $0.tokens }
    }

    /// How many acquires are waiting.
    public var waitingCount: Int {
        state.withLock { $0.waiting.count }
    }

    /// A Deferred that fires with the semaphore once a token is yours (at once if one is free).
    @_disfavoredOverload
    public func acquire() -> Deferred<DeferredSemaphore> {
        _acquire(site: .unknown)
    }

    /// A Deferred that fires with the semaphore once a token is yours; records the call site.
    public func acquire(fileID: StaticString = #fileID, line: UInt = #line) -> Deferred<DeferredSemaphore> {
        _acquire(site: CallSite(fileID: fileID, line: line))
    }

    private func _acquire(site: CallSite) -> Deferred<DeferredSemaphore> {
        let chain = _Chain(
            label: "DeferredSemaphore.acquire",
            canceller: { [weak self] chain in self?.cancelAcquire(chain) },
            site: site
        )
        let granted = state.withLock { s -> Bool in
            guard s.tokens > 0 else {
                s.waiting.append(chain)
                return false
            }
            s.tokens -= 1
            return true
        }
        if granted {
            chain._fireIfPending(.success(self), site: site)
        }
        return Deferred(_chain: chain)
    }

    /// Gives a token back, handing it to the next waiter if there is one.
    ///
    /// - Precondition: A token is held; releasing more than was acquired is a programming error.
    public func release() {
        _releaseHandingOn(state) { waiter in waiter._fireIfPending(.success(self)) }
    }

    private func cancelAcquire(_ chain: _Chain) {
        let removed = state.withLock { $0.waiting.removeFirst { $0 === chain } }
        _ = removed
    }

    /// Runs `f` while holding a token: acquires, calls `f`, and releases when its result is in.
    @discardableResult
    public func run<T: Sendable>(_ f: @escaping @Sendable () throws -> T) -> Deferred<T> {
        _runLocked(acquire: _acquire(site: .unknown), release: release, f)
    }

    /// Runs `f`, which returns a Deferred, while holding a token until that Deferred fires.
    @discardableResult
    public func run<T: Sendable>(_ f: @escaping @Sendable () throws -> Deferred<T>) -> Deferred<T> {
        _runLocked(acquire: _acquire(site: .unknown), release: release, f)
    }
}
