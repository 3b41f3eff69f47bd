import DequeModule

/// Ids ordered by a key (a 64-bit time or count, or a text for the label and site columns), ties
/// broken by id, with access by rank: the sorted lists behind the views.
///
/// A sequence of sorted blocks (deques, so removing near either end of a block moves little: the
/// oldest Deferred usually settles first) of at most `2 × blockCapacity` entries, with their sizes
/// in one contiguous array. Inserting after the last entry (the usual case: keys are times, and times
/// mostly arrive in order) appends to the last block; elsewhere it costs a binary search and a
/// move within one block. Finding rank r scans the block sizes from the nearer end, so a window at
/// either end of the list costs O(count) and one in the middle O(count + n / blockCapacity)
/// (about 2,000 additions for a million entries).
struct OrderedIndex<Key: Comparable & Hashable & Sendable>: Sendable, Equatable {
    /// One entry: the key, then the id.
    struct Entry: Sendable, Hashable, Comparable {
        var key: Key
        var id: UInt64

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.key != rhs.key ? lhs.key < rhs.key : lhs.id < rhs.id
        }
    }

    static var blockCapacity: Int { 512 }

    private(set) var blocks: [Deque<Entry>] = []
    private(set) var sizes: [Int32] = []
    /// Entries in the index.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    init() {}

    /// An index of `entries`, which must be sorted and distinct: O(n), for building an index at once.
    init(sorted entries: [Entry]) {
        var start = 0
        while start < entries.count {
            let end = min(entries.count, start + Self.blockCapacity)
            blocks.append(Deque(entries[start..<end]))
            sizes.append(Int32(end - start))
            start = end
        }
        count = entries.count
    }

    // MARK: - Changes

    mutating func insert(key: Key, id: UInt64) {
        let entry = Entry(key: key, id: id)
        count += 1
        guard !blocks.isEmpty else {
            blocks.append([entry])
            sizes.append(1)
            return
        }
        let lastBlock = blocks.count - 1
        var block = lastBlock
        if let last = blocks[lastBlock].last, last < entry {
            blocks[lastBlock].append(entry)
        } else {
            block = blockFor(entry)
            let position = Self.lowerBound(entry, in: blocks[block])
            blocks[block].insert(entry, at: position)
        }
        sizes[block] += 1
        if Int(sizes[block]) >= 2 * Self.blockCapacity {
            split(block)
        }
    }

    /// Removes an entry; returns whether it was there.
    @discardableResult
    mutating func remove(key: Key, id: UInt64) -> Bool {
        guard !blocks.isEmpty else { return false }
        let entry = Entry(key: key, id: id)
        let block = blockFor(entry)
        let position = Self.lowerBound(entry, in: blocks[block])
        guard position < blocks[block].count, blocks[block][position] == entry else { return false }
        count -= 1
        if sizes[block] == 1 {
            blocks.remove(at: block)
            sizes.remove(at: block)
        } else {
            blocks[block].remove(at: position)
            sizes[block] -= 1
        }
        return true
    }

    mutating func removeAll() {
        blocks = []
        sizes = []
        count = 0
    }

    // MARK: - Reading

    /// Calls `body` with up to `limit` entries from rank `offset`, in ascending order (or from the
    /// end, descending, with `descending`); `body` returns false to stop.
    func forEach(from offset: Int, descending: Bool = false, _ body: (Entry) -> Bool) {
        guard offset < count, offset >= 0 else { return }
        if descending {
            var (block, index) = locate(rank: count - 1 - offset)
            while block >= 0 {
                let entries = blocks[block]
                while index >= 0 {
                    if !body(entries[index]) { return }
                    index -= 1
                }
                block -= 1
                if block >= 0 { index = Int(sizes[block]) - 1 }
            }
        } else {
            var (block, index) = locate(rank: offset)
            while block < blocks.count {
                let entries = blocks[block]
                while index < entries.count {
                    if !body(entries[index]) { return }
                    index += 1
                }
                block += 1
                index = 0
            }
        }
    }

    /// The entries of ranks `offset ..< offset + limit` (fewer at the end).
    func window(offset: Int, limit: Int, descending: Bool = false) -> [Entry] {
        var result: [Entry] = []
        guard limit > 0 else { return result }
        result.reserveCapacity(min(limit, max(0, count - offset)))
        forEach(from: offset, descending: descending) { entry in
            result.append(entry)
            return result.count < limit
        }
        return result
    }

    /// The first entry whose key is above `key`, and its rank; nil when none.
    func firstRank(withKeyAbove key: Key) -> Int {
        var rank = 0
        for block in blocks.indices {
            let entries = blocks[block]
            if let last = entries.last, last.key <= key {
                rank += entries.count
                continue
            }
            var low = 0
            var high = entries.count
            while low < high {
                let mid = (low + high) / 2
                if entries[mid].key <= key { low = mid + 1 } else { high = mid }
            }
            return rank + low
        }
        return rank
    }

    // MARK: - Internals

    private func locate(rank: Int) -> (block: Int, index: Int) {
        if rank < count / 2 {
            var remaining = rank
            var block = 0
            while remaining >= Int(sizes[block]) {
                remaining -= Int(sizes[block])
                block += 1
            }
            return (block, remaining)
        }
        var remaining = count - 1 - rank
        var block = blocks.count - 1
        while remaining >= Int(sizes[block]) {
            remaining -= Int(sizes[block])
            block -= 1
        }
        return (block, Int(sizes[block]) - 1 - remaining)
    }

    /// The block that holds `entry` or where it belongs: the first whose last entry is not below it.
    private func blockFor(_ entry: Entry) -> Int {
        if let last = blocks[0].last, entry <= last { return 0 }
        var low = 1
        var high = blocks.count - 1
        while low < high {
            let mid = (low + high) / 2
            if let last = blocks[mid].last, last < entry { low = mid + 1 } else { high = mid }
        }
        return high
    }

    private static func lowerBound(_ entry: Entry, in entries: Deque<Entry>) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid] < entry { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private mutating func split(_ block: Int) {
        let upper = Deque(blocks[block][Self.blockCapacity...])
        blocks[block].removeSubrange(Self.blockCapacity...)
        sizes[block] = Int32(Self.blockCapacity)
        blocks.insert(upper, at: block + 1)
        sizes.insert(Int32(upper.count), at: block + 1)
    }
}
