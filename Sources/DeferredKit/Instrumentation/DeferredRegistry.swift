import Synchronization

/// The live Deferreds an observer can enumerate: every chain created while an observer was
/// installed, from its creation until its last handle goes away.
///
/// A monitor that attaches late builds its picture from a walk (``forEachBatch(maxBatchSize:_:)``)
/// and then applies the events that follow: for each chain, those with a sequence number greater
/// than the snapshot's. Each chain is read under its own lock, so its snapshot and its events never
/// overlap or leave a gap. Chains created during a walk may be missed by it; their `created`
/// event comes through the stream.
///
/// Do not call these from ``DeferredObserver/observe(_:)``.
public enum DeferredRegistry {
    /// How many observed chains are alive now.
    public static var count: Int {
        (0..<_DeferredRegistry.shardCount).reduce(0) { total, index in
            total + _DeferredRegistry.shard(at: index).pointee.list.withLock { $0.count }
        }
    }

    /// Visits every observed chain alive now, handing them to `body` in batches of at most
    /// `maxBatchSize`. No lock is held while `body` runs, and the program's threads are held up
    /// for at most one batch at a time.
    public static func forEachBatch(
        maxBatchSize: Int = 256,
        _ body: ([DeferredSnapshot]) throws -> Void
    ) rethrows {
        let walk = Walk()
        while let batch = walk.next(maxBatchSize: maxBatchSize) {
            try body(batch)
        }
    }

    /// A walk over the live observed chains that can be taken a batch at a time, across as many
    /// calls as the caller likes: a monitor's thread can send a huge snapshot in pieces while it
    /// goes on with other work. Use one walk from one thread at a time. A walk that is dropped
    /// before its end leaves no trace.
    public final class Walk {
        private var shardIndex = 0
        private let sentinel = _Chain(sentinel: ())
        private var placed = false
        private var finished = false

        /// Starts a walk at the first chain.
        public init() {}

        /// The next batch of at most `maxBatchSize` chains, or nil once every chain has been seen.
        ///
        /// A batch is filled from as many shards as it takes (each shard's lock is held only for
        /// its part): a monitor that takes a few batches per round of its loop then sends a small
        /// snapshot in one round, instead of one shard per batch, which made even a snapshot of a
        /// few dozen chains span rounds while events for its client piled up behind it.
        public func next(maxBatchSize: Int = 256) -> [DeferredSnapshot]? {
            let batchSize = max(1, maxBatchSize)
            var collected: [DeferredSnapshot] = []
            while !finished, collected.count < batchSize {
                let shard = _DeferredRegistry.shard(at: shardIndex)
                if !placed {
                    shard.pointee.insert(sentinel)
                    placed = true
                }
                let (batch, shardDone) = shard.pointee.batch(after: sentinel, size: batchSize - collected.count)
                if shardDone {
                    shard.pointee.remove(sentinel)
                    placed = false
                    shardIndex += 1
                    finished = shardIndex == _DeferredRegistry.shardCount
                }
                if collected.isEmpty {
                    collected = batch
                } else {
                    collected.append(contentsOf: batch)
                }
            }
            return collected.isEmpty ? nil : collected
        }

        deinit {
            if placed {
                _DeferredRegistry.shard(at: shardIndex).pointee.remove(sentinel)
            }
        }
    }

    /// Cancels the live observed chain `id`, as its `cancel()` would, recording that a monitor
    /// did it. Returns false when no such chain is alive.
    @discardableResult
    public static func cancel(_ id: DeferredID) -> Bool {
        guard let chain = _DeferredRegistry.find(id.rawValue) else { return false }
        chain._cancel(site: _monitorCallSite, fromMonitor: true)
        return true
    }
}

/// The call site recorded for actions taken by a monitor: it reads "cancelled from deferscope"
/// wherever a site is shown (line 0: no line).
let _monitorCallSite = CallSite(fileID: "cancelled from deferscope", line: 0)

/// A weak reference, used to tell whether a chain found in the registry is being destroyed.
private final class _WeakChain {
    weak var chain: _Chain?
}

/// `chain` as a strong reference, or nil when its destruction has begun. Called with the
/// chain's shard lock held, which its `deinit` waits on, so its memory is valid.
///
/// The rule for all code under a shard lock: never retain and then release a chain there, as
/// a closure capturing it does (`{ chain.x }`, the right side of `&&`): if the other owners let
/// go in between, that release is the last, and the chain's `deinit` runs on this thread and
/// waits for the lock this thread holds. Reads through `_withUnsafeGuaranteedRef` touch no
/// reference count. The one retain here is kept, and leaves the lock with the caller.
///
/// Nothing here can release `chain` last, which would run its `deinit` on this thread while it
/// holds the lock that `deinit` waits on: `strong` keeps it alive through the weak probe, and is
/// dropped here only when the chain was already being destroyed, when a release runs no
/// `deinit`. Forming a weak reference to an object being destroyed yields nil.
private func _retainUnlessDestroyed(_ chain: _Chain) -> _Chain? {
    let strong = chain
    let probe = _WeakChain()
    probe.chain = strong
    return probe.chain == nil ? nil : strong
}

/// The registry's storage: a fixed set of shards, each an intrusive doubly linked list threaded
/// through the chains themselves, so registering costs no allocation.
///
/// The shards sit in one block of memory, a cache line each, allocated on first use and never
/// freed. Its address is kept in an atomic, which (unlike a `static let`) costs no `swift_once`
/// on every insert and remove, and the shards are reached through a pointer: no array bounds
/// check, no retain or release of a shard object.
enum _DeferredRegistry {
    static let shardCount = 16

    /// The address of the shards, or 0 before first use.
    private static let storage = Atomic<UInt>(0)

    /// Bytes from one shard to the next: at least a cache line, so shards share none.
    private static var shardStride: Int {
        let size = MemoryLayout<_RegistryShard>.stride
        return (size + 63) & ~63
    }

    /// The shard at `index` (`0..<shardCount`).
    @inline(__always)
    static func shard(at index: Int) -> UnsafeMutablePointer<_RegistryShard> {
        var base = storage.load(ordering: .acquiring)
        if _slowPath(base == 0) {
            base = allocateShards()
        }
        let raw = UnsafeMutableRawPointer(bitPattern: base &+ UInt(bitPattern: index &* shardStride))
        return raw.unsafelyUnwrapped.assumingMemoryBound(to: _RegistryShard.self)
    }

    /// The shard that holds `chain`.
    @inline(__always)
    static func shard(for chain: _Chain) -> UnsafeMutablePointer<_RegistryShard> {
        shard(at: Int(truncatingIfNeeded: chain.id & UInt64(shardCount - 1)))
    }

    static func insert(_ chain: _Chain) {
        shard(for: chain).pointee.insert(chain)
    }

    static func remove(_ chain: _Chain) {
        shard(for: chain).pointee.remove(chain)
    }

    static func find(_ id: UInt64) -> _Chain? {
        shard(at: Int(truncatingIfNeeded: id & UInt64(shardCount - 1))).pointee.find(id)
    }

    /// Allocates the shards once; a thread that loses the race frees its own block, which no
    /// other thread has seen.
    @inline(never)
    private static func allocateShards() -> UInt {
        let block = UnsafeMutableRawPointer.allocate(byteCount: shardCount * shardStride, alignment: 64)
        for index in 0..<shardCount {
            (block + index * shardStride).bindMemory(to: _RegistryShard.self, capacity: 1)
                .initialize(to: _RegistryShard())
        }
        let address = UInt(bitPattern: block)
        let (exchanged, current) = storage.compareExchange(
            expected: 0,
            desired: address,
            successOrdering: .acquiringAndReleasing,
            failureOrdering: .acquiring
        )
        guard exchanged else {
            for index in 0..<shardCount {
                _ = (block + index * shardStride).assumingMemoryBound(to: _RegistryShard.self).move()
            }
            block.deallocate()
            return current
        }
        return address
    }
}

/// A shard's list: its head and length.
struct _RegistryList: @unchecked Sendable {
    var head: Unmanaged<_Chain>?
    var count = 0
}

/// One shard of the registry, in place in the registry's block.
struct _RegistryShard: ~Copyable {
    let list = _Lock(_RegistryList())

    func insert(_ chain: _Chain) {
        list.withLock { list in
            Self.link(chain, atHeadOf: &list)
            if !chain.isSentinel {
                list.count += 1
            }
        }
    }

    func remove(_ chain: _Chain) {
        list.withLock { list in
            Self.unlink(chain, from: &list)
            if !chain.isSentinel {
                list.count -= 1
            }
        }
    }

    private static func unlink(_ chain: _Chain, from list: inout _RegistryList) {
        let previous = chain.registryPrevious
        let next = chain.registryNext
        if let previous {
            previous._withUnsafeGuaranteedRef { $0.registryNext = next }
        } else {
            list.head = next
        }
        if let next {
            next._withUnsafeGuaranteedRef { $0.registryPrevious = previous }
        }
        chain.registryPrevious = nil
        chain.registryNext = nil
    }

    /// Takes the chains after `sentinel`, up to `size` of them, and moves the sentinel past them.
    /// Returns whether the end of the list was reached.
    ///
    /// Chains are touched only while the shard lock is held: a chain being destroyed waits on
    /// that lock to leave the list, so its memory is valid for as long as the walk can see it.
    /// The walk never retains or releases them (see `_lockedSnapshot()`); a chain caught being
    /// destroyed is listed, and its `released` event follows.
    func batch(after sentinel: _Chain, size: Int) -> ([DeferredSnapshot], Bool) {
        var batch: [DeferredSnapshot] = []
        batch.reserveCapacity(size)
        let finished = list.withLock { list -> Bool in
            var node = sentinel.registryNext
            var listed = 0
            while let current = node, listed < size {
                current._withUnsafeGuaranteedRef { chain in
                    if !chain.isSentinel {
                        listed += 1
                        batch.append(chain._lockedSnapshot())
                    }
                }
                node = current._withUnsafeGuaranteedRef { $0.registryNext }
            }
            // Move the sentinel to just before `node`, where the next batch starts.
            Self.unlink(sentinel, from: &list)
            guard let next = node else {
                // Park it at the head until the caller removes it; the shard is done.
                Self.link(sentinel, atHeadOf: &list)
                return true
            }
            let sentinelNode = Unmanaged.passUnretained(sentinel)
            next._withUnsafeGuaranteedRef { nextChain in
                let previous = nextChain.registryPrevious
                sentinel.registryPrevious = previous
                sentinel.registryNext = next
                nextChain.registryPrevious = sentinelNode
                if let previous {
                    previous._withUnsafeGuaranteedRef { $0.registryNext = sentinelNode }
                } else {
                    list.head = sentinelNode
                }
            }
            return false
        }
        return (batch, finished)
    }

    private static func link(_ chain: _Chain, atHeadOf list: inout _RegistryList) {
        let node = Unmanaged.passUnretained(chain)
        chain.registryPrevious = nil
        chain.registryNext = list.head
        if let head = list.head {
            head._withUnsafeGuaranteedRef { $0.registryPrevious = node }
        }
        list.head = node
    }

    /// The chain with `id`, as a strong reference, unless it is being destroyed.
    func find(_ id: UInt64) -> _Chain? {
        list.withLock { list -> _Chain? in
            var node = list.head
            while let current = node {
                // Not `&&`: its right side is a closure, which would capture (retain, then
                // release) the chain; see `_retainUnlessDestroyed`.
                let matches = current._withUnsafeGuaranteedRef { $0.isSentinel ? false : $0.id == id }
                if matches {
                    return current._withUnsafeGuaranteedRef { _retainUnlessDestroyed($0) }
                }
                node = current._withUnsafeGuaranteedRef { $0.registryNext }
            }
            return nil
        }
    }
}
