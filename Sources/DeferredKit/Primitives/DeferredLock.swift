import Synchronization

/// A lock for Deferred-based code: Twisted's `DeferredLock`. ``acquire()`` returns a Deferred that
/// fires (with the lock) when the lock is yours; ``release()`` hands it straight to the next waiter,
/// firing that waiter's Deferred on the releasing thread. Waiters are served first come, first
/// served. Cancelling a waiting acquire removes it from the line.
///
/// Unlike Twisted, a release made by a waiter's steps while the lock is being handed to it does
/// not hand the lock on from inside those steps: the outer release does it when they return, so
/// any number of waiters is served without deepening the stack.
public final class DeferredLock: Sendable {
    private struct State: _HandsOn {
        var locked = false
        var waiting = _FIFO<_Chain>()
        var handOff = _HandOffCounters()

        func checkRelease() {
            // One holder at a time: a release while one is still owed is a second release.
            precondition(locked && handOff.owed == 0, "DeferredLock.release(): the lock is not held")
        }

        mutating func takeNextWaiter() -> _Chain? {
            if let waiter = waiting.popFirst() {
                return waiter
            }
            locked = false
            return nil
        }
    }

    private let state = _Lock(State())

    /// Creates an unlocked lock.
    public init() {}

    /// Whether someone holds the lock.
    public var isLocked: Bool {
        state.withLock { $0.locked }
    }

    /// How many acquires are waiting.
    public var waitingCount: Int {
        state.withLock { $0.waiting.count }
    }

    /// A Deferred that fires with the lock once it is yours (at once if it is free).
    @_disfavoredOverload
    public func acquire() -> Deferred<DeferredLock> {
        _acquire(site: .unknown)
    }

    /// A Deferred that fires with the lock once it is yours; records the call site.
    public func acquire(fileID: StaticString = #fileID, line: UInt = #line) -> Deferred<DeferredLock> {
        _acquire(site: CallSite(fileID: fileID, line: line))
    }

    private func _acquire(site: CallSite) -> Deferred<DeferredLock> {
        let chain = _Chain(
            label: "DeferredLock.acquire",
            canceller: { [weak self] chain in self?.cancelAcquire(chain) },
            site: site
        )
        let granted = state.withLock { s -> Bool in
            if s.locked {
                s.waiting.append(chain)
                return false
            }
            s.locked = true
            return true
        }
        if granted {
            chain._fireIfPending(.success(self), site: site)
        }
        return Deferred(_chain: chain)
    }

    /// Releases the lock, handing it to the next waiter if there is one.
    ///
    /// - Precondition: The lock is held; releasing a free lock is a programming error.
    public func release() {
        _releaseHandingOn(state) { waiter in waiter._fireIfPending(.success(self)) }
    }

    private func cancelAcquire(_ chain: _Chain) {
        let removed = state.withLock { $0.waiting.removeFirst { $0 === chain } }
        _ = removed
    }

    /// Runs `f` while holding the lock: acquires, calls `f`, and releases when its result (or the
    /// Deferred it returns) is in. The returned Deferred fires with that result.
    @discardableResult
    public func run<T: Sendable>(_ f: @escaping @Sendable () throws -> T) -> Deferred<T> {
        _runLocked(acquire: _acquire(site: .unknown), release: release, f)
    }

    /// Runs `f`, which returns a Deferred, while holding the lock until that Deferred fires.
    @discardableResult
    public func run<T: Sendable>(_ f: @escaping @Sendable () throws -> Deferred<T>) -> Deferred<T> {
        _runLocked(acquire: _acquire(site: .unknown), release: release, f)
    }
}

/// Twisted's `_ConcurrencyPrimitive.run`: acquire, then `maybeDeferred(f)` with a release on
/// either outcome.
func _runLocked<Token: Sendable, T: Sendable>(
    acquire: Deferred<Token>,
    release: @escaping @Sendable () -> Void,
    _ f: @escaping @Sendable () throws -> T
) -> Deferred<T> {
    acquire.addCallback { _ -> Deferred<T> in
        _maybeDeferred(f, site: .unknown).addBoth { result -> T in
            release()
            return try result.get()
        }
    }
}

/// `_runLocked` for a function that returns a Deferred.
func _runLocked<Token: Sendable, T: Sendable>(
    acquire: Deferred<Token>,
    release: @escaping @Sendable () -> Void,
    _ f: @escaping @Sendable () throws -> Deferred<T>
) -> Deferred<T> {
    acquire.addCallback { _ -> Deferred<T> in
        _maybeDeferred(f, site: .unknown).addBoth { result -> T in
            release()
            return try result.get()
        }
    }
}
