import Synchronization

/// A queue whose `get` returns a Deferred: Twisted's `DeferredQueue`. Items put while nobody waits
/// are kept (up to `size`); gets made while it is empty wait in line (up to `backlog`) and are
/// served first come, first served, on the thread that puts.
public final class DeferredQueue<T: Sendable>: Sendable {
    private struct State {
        var pending = _FIFO<T>()
        var waiting = _FIFO<_Chain>()
    }

    private let state = _Lock(State())
    private let size: Int?
    private let backlog: Int?

    /// Creates a queue holding at most `size` items and `backlog` waiting gets (nil: no limit).
    public init(size: Int? = nil, backlog: Int? = nil) {
        self.size = size
        self.backlog = backlog
    }

    /// Items waiting for a `get`.
    public var pendingCount: Int {
        state.withLock { $0.pending.count }
    }

    /// Gets waiting for an item.
    public var waitingCount: Int {
        state.withLock { $0.waiting.count }
    }

    /// Hands `item` to the first waiting get, or keeps it.
    ///
    /// - Throws: ``QueueOverflow`` when nobody waits and `size` items are kept already.
    public func put(_ item: T) throws {
        while true {
            let placement = state.withLock { s -> _QueuePut in
                if let waiter = s.waiting.popFirst() {
                    return .waiter(waiter)
                }
                if let size, s.pending.count >= size {
                    return .full
                }
                s.pending.append(item)
                return .kept
            }
            switch placement {
            case .kept:
                return
            case .full:
                throw QueueOverflow()
            case .waiter(let waiter):
                // A get cancelled at this very moment refuses the item; the next one gets it.
                if waiter._fireIfPending(.success(item)) { return }
            }
        }
    }

    /// A Deferred that fires with the next item (at once if one is kept).
    ///
    /// - Throws: ``QueueUnderflow`` when the queue is empty and `backlog` gets already wait.
    @_disfavoredOverload
    public func get() throws -> Deferred<T> {
        try _get(site: .unknown)
    }

    /// A Deferred that fires with the next item; records the call site.
    ///
    /// - Throws: ``QueueUnderflow`` when the queue is empty and `backlog` gets already wait.
    public func get(fileID: StaticString = #fileID, line: UInt = #line) throws -> Deferred<T> {
        try _get(site: CallSite(fileID: fileID, line: line))
    }

    private func _get(site: CallSite) throws -> Deferred<T> {
        let chain = _Chain(
            label: "DeferredQueue.get",
            canceller: { [weak self] chain in self?.cancelGet(chain) },
            site: site
        )
        let outcome = state.withLock { s -> _QueueGet<T> in
            if let item = s.pending.popFirst() {
                return .item(item)
            }
            if let backlog, s.waiting.count >= backlog {
                return .underflow
            }
            s.waiting.append(chain)
            return .waiting
        }
        switch outcome {
        case .item(let item):
            chain._fireIfPending(.success(item), site: site)
        case .waiting:
            break
        case .underflow:
            throw QueueUnderflow()
        }
        return Deferred(_chain: chain)
    }

    private func cancelGet(_ chain: _Chain) {
        let removed = state.withLock { $0.waiting.removeFirst { $0 === chain } }
        _ = removed
    }
}

/// Where `put` placed an item.
private enum _QueuePut {
    case waiter(_Chain)
    case kept
    case full
}

/// What `get` found.
private enum _QueueGet<T> {
    case item(T)
    case waiting
    case underflow
}
