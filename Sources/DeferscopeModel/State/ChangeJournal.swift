/// The slots changed lately, in order: for readers that keep something per Deferred across frames
/// (a filter's matches, ``FilterMatches``) and bring it up to date from the changes rather than
/// from every row.
///
/// A ring of the last ``capacity`` changes (allocated at the first change) and the count of all
/// changes; a reader remembers the count it has seen and asks for what came after. A reader
/// further behind than the ring reaches, or from another model (another ``lineage``), starts over.
struct ChangeJournal: Sendable {
    static let capacity = 1 << 16
    private var ring: [Int32] = []
    /// Changes recorded over the life of the model.
    private(set) var count: UInt64 = 0
    /// Tells this model's journal from another's: a new model (a new connection) gets a new one;
    /// a copy of the model (a replay checkpoint) keeps it, and replays the same changes in order.
    let lineage = UInt64.random(in: 1...UInt64.max)

    /// Notes that the Deferred in `slot` changed: O(1).
    @inline(__always)
    mutating func record(_ slot: Int) {
        if ring.isEmpty { ring = [Int32](repeating: 0, count: Self.capacity) }
        ring[Int(count & UInt64(Self.capacity - 1))] = Int32(truncatingIfNeeded: slot)
        count &+= 1
    }

    /// Makes every reader start over (a change that touches every row, such as a site renamed).
    mutating func invalidateReaders() {
        count &+= UInt64(Self.capacity) + 1
    }

    /// Calls `body` with each slot changed since the reader saw `mark` changes (repeats included);
    /// false, calling nothing, when the ring no longer reaches back that far.
    func forEachChange(since mark: UInt64, _ body: (Int) -> Void) -> Bool {
        guard mark <= count, count - mark <= UInt64(Self.capacity) else { return false }
        var position = mark
        while position < count {
            body(Int(ring[Int(position & UInt64(Self.capacity - 1))]))
            position += 1
        }
        return true
    }
}
